import { assert, assertEquals, assertThrows } from "../_testing.ts";
import { matrix, type Matrix64, multiply, svd } from "../linalg/mod.ts";
import { Rng } from "../random/mod.ts";
import {
  empiricalReciprocalMoments,
  exactReciprocalMoments,
  haarKurtosis,
  sampleMoments,
} from "./gaussian_limit.ts";
import { haarOrthogonal } from "./rotation.ts";

/** All 2^n binary states as rows. */
function allStates(n: number): Matrix64 {
  const count = 2 ** n;
  const out = matrix(count, n);
  for (let s = 0; s < count; s++) for (let j = 0; j < n; j++) out.data[s * n + j] = (s >> j) & 1;
  return out;
}

function close(a: number, b: number, tolerance = 1e-12): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b));
}

Deno.test("exactReciprocalMoments() equals exact enumeration over all 2^N states", async (t) => {
  const rng = new Rng(21);
  const cases: [string, Matrix64, number][] = [
    ["Haar 10×10, all paired", haarOrthogonal(10, rng), 10],
    [
      "U of a 12×5 W (7 free)",
      svd(matrix(12, 5, Array.from({ length: 60 }, () => rng.nextNormal()))).u,
      5,
    ],
    [
      "localized U (identity, 4 free)",
      matrix(8, 8, Array.from({ length: 64 }, (_, k) => k % 9 === 0 ? 1 : 0)),
      4,
    ],
  ];
  for (const [name, u, paired] of cases) {
    await t.step(name, () => {
      const exact = exactReciprocalMoments(u, paired);
      const empirical = empiricalReciprocalMoments(u, paired, allStates(u.rows));
      assertEquals(empirical.modes.length, paired);
      for (let i = 0; i < paired; i++) {
        const m = empirical.moments[i];
        assert(close(m.mean, exact.mean[i]), `mean ${i}`);
        assert(close(m.variance, exact.variance[i]) && close(m.variance, 0.25), `variance ${i}`);
        assert(close(m.kurtosis, exact.kurtosis[i], 1e-11), `kurtosis ${i}`);
      }
      const free = exact.free, freeEmpirical = empirical.free;
      if (paired === u.rows) {
        assertEquals([free, freeEmpirical], [null, null]);
      } else {
        assertEquals(freeEmpirical!.dimension, u.rows - paired);
        assert(close(freeEmpirical!.meanNorm, free!.meanNorm), "free mean norm");
        assert(close(freeEmpirical!.totalVariance, free!.totalVariance), "free total variance");
        assert(close(free!.totalVariance, (u.rows - paired) / 4), "free total variance = d/4");
      }
    });
  }
});

Deno.test("the free-subspace aggregate does not depend on the basis of the subspace", () => {
  const rng = new Rng(4);
  const n = 9, paired = 4, d = n - paired;
  const u = svd(matrix(n, paired, Array.from({ length: n * paired }, () => rng.nextNormal()))).u;
  // Rotate the free columns by a random d×d orthogonal matrix.
  const free = matrix(n, d), rotatedU = matrix(n, n, u.data.slice());
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) free.data[i * d + c] = u.data[i * n + paired + c];
  }
  const rotatedFree = multiply(free, haarOrthogonal(d, rng));
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) rotatedU.data[i * n + paired + c] = rotatedFree.data[i * d + c];
  }
  const a = exactReciprocalMoments(u, paired).free!,
    b = exactReciprocalMoments(rotatedU, paired).free!;
  assert(close(a.meanNorm, b.meanNorm) && close(a.totalVariance, b.totalVariance));
  assert(close(a.averageKurtosis, b.averageKurtosis));
  // Direction average by Monte Carlo: mean of 3 − 2Σⱼ(Cc)ⱼ⁴ over uniform unit c ∈ ℝ^d.
  let sum = 0;
  const draws = 4000;
  for (let k = 0; k < draws; k++) {
    const c = Array.from({ length: d }, () => rng.nextNormal());
    const norm = Math.hypot(...c);
    let fourth = 0;
    for (let i = 0; i < n; i++) {
      let x = 0;
      for (let j = 0; j < d; j++) x += free.data[i * d + j] * c[j] / norm;
      fourth += x ** 4;
    }
    sum += 3 - 2 * fourth;
  }
  assert(
    Math.abs(sum / draws - a.averageKurtosis) < 0.01,
    `${sum / draws} vs ${a.averageKurtosis}`,
  );
});

Deno.test("haarKurtosis() matches the Haar average of 3 − 2ΣU⁴", () => {
  const rng = new Rng(8);
  const n = 20;
  let total = 0, count = 0;
  for (let rep = 0; rep < 30; rep++) {
    const k = exactReciprocalMoments(haarOrthogonal(n, rng), n).kurtosis;
    for (const x of k) {
      total += x;
      count++;
    }
  }
  assert(Math.abs(total / count - haarKurtosis(n)) < 0.01, `${total / count}`);
  assertThrows(() => haarKurtosis(0), RangeError, "current value is 0");
});

Deno.test("sampleMoments() is two-pass accurate and Pearson", () => {
  const normalish = sampleMoments([-2, -1, 0, 1, 2]);
  assertEquals(normalish.mean, 0);
  assertEquals(normalish.variance, 2);
  assert(close(normalish.kurtosis, (16 + 1 + 0 + 1 + 16) / 5 / 4));
  // A large offset does not destroy the variance (a one-pass Σx² − n·x̄² would).
  const shifted = sampleMoments([1e9 + 1, 1e9 + 2, 1e9 + 3]);
  assert(close(shifted.variance, 2 / 3, 1e-9));
  assert(Number.isNaN(sampleMoments([3, 3]).kurtosis));
  assertThrows(() => sampleMoments([]), RangeError, "empty");
});

Deno.test("the moment functions validate their inputs", () => {
  const u = haarOrthogonal(3, new Rng(1));
  assertThrows(() => exactReciprocalMoments(matrix(3, 2), 1), RangeError, "[3, 2]");
  assertThrows(() => exactReciprocalMoments(u, 4), RangeError, "current value is 4");
  assertThrows(
    () => empiricalReciprocalMoments(u, 2, matrix(2, 4)),
    RangeError,
    "current value is 4",
  );
  assertThrows(
    () => empiricalReciprocalMoments(u, 2, matrix(2, 3), [2]),
    RangeError,
    "current value is 2",
  );
});
