import { assertClose, assertThrowsMessage } from "../_testing.ts";
import { fc } from "../deps.ts";
import { stateFromIndex } from "./exact.ts";
import { matrix } from "../linalg/matrix.ts";
import { logSumExp } from "../numerics/mod.ts";
import { Rng } from "../random/mod.ts";
import {
  assertParams64,
  energy,
  freeEnergy,
  hiddenFreeEnergy,
  randomParams64,
  type RbmParams64,
} from "./energy64.ts";

/** Sizes and seeds, not raw float matrices. */
const smallModel = fc.record({
  numVisible: fc.integer({ min: 1, max: 6 }),
  numHidden: fc.integer({ min: 1, max: 6 }),
  scale: fc.double({ min: 0.01, max: 3, noNaN: true }),
  seed: fc.integer({ min: 0, max: 0xffffffff }),
});

Deno.test("energy() evaluates −aᵀv − bᵀh − vᵀWh", async (t) => {
  const p: RbmParams64 = {
    weights: matrix(3, 2, [0.5, -1, 2, 0.25, -3, 4]),
    visibleBias: new Float64Array([0.1, -0.2, 0.3]),
    hiddenBias: new Float64Array([-0.5, 0.75]),
  };
  await t.step("hand-computed value", () => {
    // v = [1, 0, 1], h = [1, 1]: aᵀv = 0.4, bᵀh = 0.25, vᵀWh = (0.5 − 1) + (−3 + 4) = 0.5.
    assertClose(energy(p, new Uint8Array([1, 0, 1]), new Uint8Array([1, 1])), -1.15, {
      rel: 1e-15,
      abs: 0,
    });
  });
  await t.step("Uint8Array and Float64Array states agree", () => {
    for (let s = 0; s < 32; s++) {
      const v = stateFromIndex(s & 7, 3), h = stateFromIndex(s >>> 3, 2);
      const a = energy(p, v, h);
      const b = energy(p, Float64Array.from(v), Float64Array.from(h));
      if (a !== b) throw new Error(`state ${s}: ${a} !== ${b}`);
    }
  });
  await t.step("zero states have zero energy", () => {
    if (energy(p, new Uint8Array(3), new Float64Array(2)) !== 0) throw new Error("E(0, 0) ≠ 0");
  });
});

Deno.test("freeEnergy() equals −ln Σ_h e^(−E(v,h))", () => {
  fc.assert(
    fc.property(smallModel, ({ numVisible, numHidden, scale, seed }) => {
      const p = randomParams64(numVisible, numHidden, scale, new Rng(seed));
      for (let sv = 0; sv < 2 ** numVisible; sv++) {
        const v = stateFromIndex(sv, numVisible);
        const terms = new Float64Array(2 ** numHidden);
        for (let sh = 0; sh < terms.length; sh++) {
          terms[sh] = -energy(p, v, stateFromIndex(sh, numHidden));
        }
        assertClose(freeEnergy(p, v), -logSumExp(terms), { rel: 1e-13, abs: 1e-13 }, `v = ${v}`);
      }
    }),
    { numRuns: 30 },
  );
});

Deno.test("hiddenFreeEnergy() equals −ln Σ_v e^(−E(v,h))", () => {
  fc.assert(
    fc.property(smallModel, ({ numVisible, numHidden, scale, seed }) => {
      const p = randomParams64(numVisible, numHidden, scale, new Rng(seed));
      for (let sh = 0; sh < 2 ** numHidden; sh++) {
        const h = stateFromIndex(sh, numHidden);
        const terms = new Float64Array(2 ** numVisible);
        for (let sv = 0; sv < terms.length; sv++) {
          terms[sv] = -energy(p, stateFromIndex(sv, numVisible), h);
        }
        assertClose(
          hiddenFreeEnergy(p, h),
          -logSumExp(terms),
          { rel: 1e-13, abs: 1e-13 },
          `h = ${h}`,
        );
      }
    }),
    { numRuns: 30 },
  );
});

Deno.test("freeEnergy() and hiddenFreeEnergy() stay finite for extreme parameters", () => {
  // Fields of ±800·k would overflow a naive ln(1 + eˣ).
  const p: RbmParams64 = {
    weights: matrix(2, 2, [800, -800, -800, 800]),
    visibleBias: new Float64Array([800, -800]),
    hiddenBias: new Float64Array([-800, 800]),
  };
  // v = [1, 1]: −aᵀv = 0; fields b + Wᵀv = [−800, 800] → softplus sum 800 (+ e⁻⁸⁰⁰ ≈ 0).
  assertClose(freeEnergy(p, new Uint8Array([1, 1])), -800, { rel: 1e-15, abs: 0 }, "F([1,1])");
  // h = [0, 1]: −bᵀh = −800; fields a + Wh = [0, 0] → softplus sum 2 ln 2.
  assertClose(hiddenFreeEnergy(p, new Uint8Array([0, 1])), -800 - 2 * Math.LN2, {
    rel: 1e-15,
    abs: 0,
  }, "F(h)");
});

Deno.test("energy functions reject shapes that do not match, naming the argument", async (t) => {
  const p = randomParams64(4, 3, 1, new Rng(3));
  await t.step("state lengths", () => {
    assertThrowsMessage(
      () => energy(p, new Uint8Array(5), new Uint8Array(3)),
      "v must have length numVisible = 4: current value is 5",
    );
    assertThrowsMessage(
      () => energy(p, new Uint8Array(4), new Uint8Array(2)),
      "h must have length numHidden = 3: current value is 2",
    );
    assertThrowsMessage(
      () => freeEnergy(p, new Float64Array(3)),
      "v must have length numVisible = 4",
    );
    assertThrowsMessage(
      () => hiddenFreeEnergy(p, new Float64Array(4)),
      "h must have length numHidden = 3",
    );
  });
  await t.step("inconsistent parameters", () => {
    assertThrowsMessage(
      () => assertParams64({ ...p, visibleBias: new Float64Array(3) }),
      "p.visibleBias must have length numVisible = 4: current value is 3",
    );
    assertThrowsMessage(
      () => freeEnergy({ ...p, hiddenBias: new Float64Array(5) }, new Uint8Array(4)),
      "p.hiddenBias must have length numHidden = 3: current value is 5",
    );
    assertThrowsMessage(
      () => assertParams64({ ...p, weights: { rows: 4, cols: 3, data: new Float64Array(11) } }),
      "p.weights.data must hold rows·cols = 12 entries: current value is 11",
    );
  });
});

Deno.test("randomParams64() draws reproducible Normal(0, scale²) parameters", async (t) => {
  await t.step("same seed, same parameters; shapes", () => {
    const a = randomParams64(7, 5, 0.5, new Rng(11));
    const b = randomParams64(7, 5, 0.5, new Rng(11));
    assertParams64(a);
    if (a.weights.rows !== 7 || a.weights.cols !== 5) throw new Error("wrong shape");
    for (const [x, y] of [[a.weights.data, b.weights.data], [a.visibleBias, b.visibleBias]]) {
      if (!x.every((value, k) => value === y[k])) throw new Error("not reproducible");
    }
  });
  await t.step("empirical standard deviation matches scale", () => {
    // 30 000 weights: the sample standard deviation has relative error ≈ 1/√(2n) ≈ 0.004; allow 0.03.
    const p = randomParams64(200, 150, 0.01, new Rng(5));
    const w = p.weights.data;
    let sum = 0, sumSquares = 0;
    for (const x of w) {
      sum += x;
      sumSquares += x * x;
    }
    const mean = sum / w.length;
    assertClose(mean, 0, { rel: 0, abs: 5 * 0.01 / Math.sqrt(w.length) }, "mean");
    assertClose(
      Math.sqrt(sumSquares / w.length - mean * mean),
      0.01,
      { rel: 0.03, abs: 0 },
      "standard deviation",
    );
  });
  await t.step("scale 0 gives zeros", () => {
    const p = randomParams64(3, 2, 0, new Rng(1));
    if (!p.weights.data.every((x) => x === 0) || !p.hiddenBias.every((x) => x === 0)) {
      throw new Error("expected zeros");
    }
  });
  await t.step("invalid arguments", () => {
    assertThrowsMessage(
      () => randomParams64(0, 2, 1, new Rng(1)),
      "numVisible must be a positive integer",
    );
    assertThrowsMessage(
      () => randomParams64(2, 1.5, 1, new Rng(1)),
      "numHidden must be a positive integer",
    );
    assertThrowsMessage(
      () => randomParams64(2, 2, -1, new Rng(1)),
      "scale must be finite and non-negative",
    );
    assertThrowsMessage(() => randomParams64(2, 2, NaN, new Rng(1)), "current value is NaN");
  });
});
