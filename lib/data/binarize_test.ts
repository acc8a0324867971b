import assert from "node:assert/strict";
import { fc } from "../deps.ts";
import { Rng } from "../random/mod.ts";
import {
  binarizeStochastic,
  binarizeThreshold,
  meanActivePixels,
  meanPixel,
  trainSubset,
} from "./binarize.ts";
import type { DigitSet } from "./mnist.ts";
import { TINY_FIRST_PIXELS } from "../../scripts/make_idx_fixtures.ts";

/** Every intensity 0..255 once. */
const ALL_INTENSITIES = Uint8Array.from({ length: 256 }, (_, i) => i);

/** A set of `count` 2×3 images whose pixels encode their index (image i is all i mod 256). */
function indexedSet(count: number): DigitSet {
  const images = new Uint8Array(count * 6);
  for (let i = 0; i < count; i++) images.fill(i & 255, i * 6, (i + 1) * 6);
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  return { images, labels, count, rows: 2, cols: 3 };
}

Deno.test("binarizeThreshold() sets a pixel iff intensity/255 > threshold", async (t) => {
  await t.step("at 0.5: 127 → 0 and 128 → 1", () => {
    const out = binarizeThreshold(Uint8Array.from(TINY_FIRST_PIXELS));
    assert.deepEqual([...out], [0, 0, 0, 1, 1, 1]);
  });
  await t.step("the inequality is strict: intensity exactly at the threshold gives 0", () => {
    const out = binarizeThreshold(Uint8Array.from([50, 51, 52]), 51 / 255);
    assert.deepEqual([...out], [0, 0, 1]);
  });
  await t.step("threshold 0 keeps every non-zero pixel; threshold 1 gives all zeros", () => {
    assert.deepEqual([...binarizeThreshold(ALL_INTENSITIES, 0)], [0, ...new Array(255).fill(1)]);
    assert.deepEqual([...binarizeThreshold(ALL_INTENSITIES, 1)], new Array(256).fill(0));
  });
  await t.step("agrees with the definition for any threshold in [0, 1]", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (threshold) => {
        const out = binarizeThreshold(ALL_INTENSITIES, threshold);
        for (let i = 0; i < 256; i++) assert.equal(out[i], i / 255 > threshold ? 1 : 0);
      }),
      { seed: 5, numRuns: 200 },
    );
  });
  await t.step("rejects thresholds outside [0, 1] and non-Uint8Array input", () => {
    for (const bad of [-0.01, 1.01, Number.NaN, Infinity]) {
      assert.throws(
        () => binarizeThreshold(ALL_INTENSITIES, bad),
        new RegExp(
          `^RangeError: Cannot binarize by threshold as threshold must be a number in \\[0, 1\\]: ` +
            `current value is ${bad}$`,
        ),
      );
    }
    assert.throws(
      () => binarizeThreshold(new Float32Array(3) as unknown as Uint8Array),
      /Cannot binarize by threshold as images must be a Uint8Array.*Float32Array/,
    );
  });
});

Deno.test("binarizeStochastic() draws pixel = 1 with probability intensity/255", async (t) => {
  await t.step("the empirical mean is within 5 standard errors of intensity/255", () => {
    // 20000 draws per intensity; standard error ≤ √(0.25/20000) ≈ 0.0035. With 256 intensities the
    // chance that any one strays beyond 5σ is ≈ 256 × 5.7e-7 ≈ 1.5e-4 (and the seed is fixed).
    const draws = 20000;
    const images = new Uint8Array(256 * draws);
    for (let k = 0; k < draws; k++) images.set(ALL_INTENSITIES, k * 256);
    const out = binarizeStochastic(images, new Rng(2024));
    const ones = new Float64Array(256);
    for (let i = 0; i < out.length; i++) ones[i & 255] += out[i];
    for (let i = 0; i < 256; i++) {
      const p = i / 255;
      const tolerance = 5 * Math.sqrt(p * (1 - p) / draws) + 1e-6;
      assert.ok(
        Math.abs(ones[i] / draws - p) <= tolerance,
        `intensity ${i}: mean ${ones[i] / draws}, expected ${p} ± ${tolerance}`,
      );
    }
    assert.equal(ones[0], 0);
    assert.equal(ones[255], draws);
  });
  await t.step("same seed → same output; different seed → different output", () => {
    const images = new Uint8Array(4096).fill(128);
    const a = binarizeStochastic(images, new Rng(7));
    assert.deepEqual(binarizeStochastic(images, new Rng(7)), a);
    assert.notDeepEqual(binarizeStochastic(images, new Rng(8)), a);
  });
  await t.step("consumes exactly images.length fillUniform draws", () => {
    const rng = new Rng(3);
    binarizeStochastic(new Uint8Array(70000).fill(9), rng);
    const reference = new Rng(3);
    reference.fillUniform(new Float32Array(70000));
    assert.deepEqual(rng.state(), reference.state());
  });
  await t.step("rejects a missing rng", () => {
    assert.throws(
      () => binarizeStochastic(ALL_INTENSITIES, undefined as unknown as Rng),
      /^TypeError: Cannot binarize stochastically as rng must be an Rng: current value is undefined$/,
    );
  });
});

Deno.test("trainSubset() takes a seeded subset without replacement", async (t) => {
  const set = indexedSet(1000);
  await t.step("same seed → same subset, in the original order, rows intact", () => {
    const a = trainSubset(set, 100, new Rng(42));
    const b = trainSubset(set, 100, new Rng(42));
    assert.deepEqual(a, b);
    assert.deepEqual([a.count, a.rows, a.cols, a.images.length, a.labels.length], [
      100,
      2,
      3,
      600,
      100,
    ]);
    for (let k = 0; k < a.count; k++) {
      const i = a.indices[k];
      if (k > 0) assert.ok(i > a.indices[k - 1], "indices must be strictly increasing");
      assert.deepEqual(
        a.images.subarray(k * 6, (k + 1) * 6),
        set.images.subarray(i * 6, (i + 1) * 6),
      );
      assert.equal(a.labels[k], set.labels[i]);
    }
  });
  await t.step("different seeds → different subsets", () => {
    assert.notDeepEqual(
      trainSubset(set, 100, new Rng(1)).indices,
      trainSubset(set, 100, new Rng(2)).indices,
    );
  });
  await t.step("every size 1..count gives distinct in-range indices", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (n, seed) => {
          const small = indexedSet(50);
          const sub = trainSubset(small, n, new Rng(seed));
          assert.equal(new Set(sub.indices).size, n);
          assert.ok(sub.indices.every((i) => i < 50));
        },
      ),
      { seed: 9, numRuns: 200 },
    );
  });
  await t.step("size = count returns the whole set in order", () => {
    const all = trainSubset(set, 1000, new Rng(5));
    assert.deepEqual(all.images, set.images);
    assert.deepEqual(all.labels, set.labels);
  });
  await t.step("rejects size < 1, size > count, non-integers and inconsistent sets", () => {
    for (const bad of [0, -1, 1001, 2.5, Number.NaN]) {
      assert.throws(
        () => trainSubset(set, bad, new Rng(1)),
        new RegExp(
          `^RangeError: Cannot take a subset as size must be an integer in 1\\.\\.1000 .*current value is ${bad}$`,
        ),
      );
    }
    const broken = { ...set, count: 999 };
    assert.throws(
      () => trainSubset(broken, 10, new Rng(1)),
      /Cannot take a subset as the set is inconsistent/,
    );
  });
});

Deno.test("meanPixel() and meanActivePixels() summarize binary images", async (t) => {
  await t.step("small example", () => {
    const images = Uint8Array.from([1, 0, 1, /**/ 1, 1, 0, /**/ 0, 0, 1, /**/ 1, 0, 1]);
    assert.deepEqual([...meanPixel(images, 3)], [0.75, 0.25, 0.75]);
    assert.equal(meanActivePixels(images, 3), 1.75);
  });
  await t.step("sum of per-pixel means equals the mean active count", () => {
    const images = binarizeStochastic(new Uint8Array(784 * 200).fill(100), new Rng(11));
    const total = meanPixel(images, 784).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(total - meanActivePixels(images, 784)) < 1e-9);
  });
  await t.step("reject raw intensities, bad numPixels and ragged lengths", () => {
    assert.throws(
      () => meanPixel(Uint8Array.from([0, 1, 255, 0]), 2),
      /^RangeError: Cannot compute mean pixels as binaryImages must hold only 0 and 1 .*current value is 255 at index 2$/,
    );
    assert.throws(
      () => meanActivePixels(Uint8Array.from([0, 1, 1]), 2),
      /Cannot compute mean active pixels as binaryImages.length must be a positive multiple of numPixels \(2\): current value is 3/,
    );
    assert.throws(() => meanPixel(new Uint8Array(0), 2), /positive multiple/);
    assert.throws(
      () => meanPixel(new Uint8Array(4), 0),
      /numPixels must be a positive integer: current value is 0/,
    );
  });
});
