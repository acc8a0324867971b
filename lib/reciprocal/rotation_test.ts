import { assert, assertEquals, assertThrows } from "../_testing.ts";
import {
  frobeniusNorm,
  identity,
  matrix,
  type Matrix64,
  maxAbsDifference,
  multiply,
  transpose,
  transposeMultiply,
} from "../linalg/mod.ts";
import { Rng } from "../random/mod.ts";
import {
  conjugateByGivens,
  givensMatrix,
  givensRotatedWeights,
  haarOrthogonal,
  haarRotatedWeights,
  histogramDivergence,
  noiseFloor,
  nullDivergence,
  randomGivensRotations,
  rotationDivergence,
} from "./rotation.ts";

function gaussian(n: number, m: number, rng: Rng, sigma = 0.01): Matrix64 {
  return matrix(n, m, Array.from({ length: n * m }, () => sigma * rng.nextNormal()));
}

Deno.test("conjugateByGivens() equals R A Rᵀ with the dense product", () => {
  const rng = new Rng(1);
  const n = 7;
  const a = gaussian(n, n, rng, 1);
  const rotations = randomGivensRotations(n, 5, rng);
  const r = givensMatrix(n, rotations);
  assert(maxAbsDifference(transposeMultiply(r, r), identity(n)) < 1e-15);
  const dense = multiply(multiply(r, a), transpose(r));
  assert(maxAbsDifference(conjugateByGivens(a, rotations), dense) < 1e-14);
});

Deno.test("randomGivensRotations() is seeded and valid", () => {
  const a = randomGivensRotations(10, 50, new Rng(9)),
    b = randomGivensRotations(10, 50, new Rng(9));
  assertEquals(a, b);
  for (const g of a) {
    assert(g.i !== g.j && g.i >= 0 && g.i < 10 && g.j >= 0 && g.j < 10);
    assert(Math.abs(g.cos * g.cos + g.sin * g.sin - 1) < 1e-15);
  }
  assertEquals(randomGivensRotations(1, 0, new Rng(1)), []);
  assertThrows(() => randomGivensRotations(1, 1, new Rng(1)), RangeError, "current value is 1");
});

Deno.test("haarOrthogonal() is orthogonal with Haar first moments", () => {
  const rng = new Rng(2);
  const n = 6;
  let sum = 0, sumSquares = 0;
  const draws = 400;
  for (let k = 0; k < draws; k++) {
    const o = haarOrthogonal(n, rng);
    if (k < 5) assert(maxAbsDifference(transposeMultiply(o, o), identity(n)) < 1e-14);
    sum += o.data[0];
    sumSquares += o.data[0] ** 2;
  }
  // O₀₀ has mean 0 and variance 1/n under Haar measure (without the sign fix the mean is < 0).
  assert(Math.abs(sum / draws) < 0.06, `mean ${sum / draws}`);
  assert(Math.abs(sumSquares / draws - 1 / n) < 0.03, `second moment ${sumSquares / draws}`);
});

Deno.test("rotated weights keep the shape and the Frobenius norm", () => {
  const rng = new Rng(3);
  for (const [n, m] of [[30, 20], [20, 30]]) {
    const w = gaussian(n, m, rng);
    for (const rotated of [givensRotatedWeights(w, rng), haarRotatedWeights(w, rng)]) {
      assertEquals([rotated.rows, rotated.cols], [n, m]);
      assert(Math.abs(frobeniusNorm(rotated) / frobeniusNorm(w) - 1) < 1e-12);
    }
    // No rotations: W' = UΣVᵀ = W.
    assert(maxAbsDifference(givensRotatedWeights(w, rng, 0), w) < 1e-15);
  }
});

Deno.test("histogramDivergence() behaves like a divergence", () => {
  const same = histogramDivergence([0, 1, 2, 3], [3, 2, 1, 0], 4);
  assertEquals(same.kullbackLeibler, 0);
  // The authors' ε smoothing leaves JS(p, p) = Σ p ln((2p + 2ε)/(2p + ε)) ≤ ε·bins/2, not 0.
  assert(same.jensenShannon > 0 && same.jensenShannon <= 1.01 * 1e-9 * 4 / 2);
  assertEquals(histogramDivergence([0, 1, 2, 3], [3, 2, 1, 0], 4, 0).jensenShannon, 0);
  const disjoint = histogramDivergence([0, 0, 1], [1, 1, 1], 2, 0);
  // p = (2/3, 1/3), q = (0, 1): JS by hand.
  const m = [1 / 3, 2 / 3];
  const expected = 0.5 * ((2 / 3) * Math.log((2 / 3) / m[0]) + (1 / 3) * Math.log((1 / 3) / m[1])) +
    0.5 * Math.log(1 / m[1]);
  assert(Math.abs(disjoint.jensenShannon - expected) < 1e-15);
  assertEquals(disjoint.kullbackLeibler, Infinity);
  const outside = histogramDivergence([0, 1], [0.5, 2, -1, 0.25], 2);
  assertEquals(outside.outOfRange, 0.5);
  assert(outside.jensenShannon <= Math.log(2));
  assertThrows(() => histogramDivergence([1, 1], [1], 10), RangeError, "[1, 1]");
  assertThrows(() => histogramDivergence([0, 1], [5], 10), RangeError, "no value");
  assertThrows(() => histogramDivergence([0, 1], [0], 0), RangeError, "current value is 0");
});

Deno.test("rotationDivergence(): Gaussian W at the noise floor, structured W above it", async (t) => {
  // 80×60 at 50 bins: floor (bins − 1)/(4NM) ≈ 2.6e-3. Thresholds: Gaussian within [0.3, 3]× the
  // floor (seeded; observed 0.8–1.4×), structured ≥ 10× (observed 30–150×).
  const n = 80, m = 60, bins = 50;
  const floor = noiseFloor(n, m, bins);
  const rng = new Rng(2025);
  await t.step("Gaussian W, Givens and Haar", () => {
    for (const method of ["givens", "haar"] as const) {
      const d = rotationDivergence(gaussian(n, m, rng), rng, { method, bins });
      assertEquals(d.noiseFloor, floor);
      assert(
        d.jensenShannon > 0.3 * floor && d.jensenShannon < 3 * floor,
        `${method} ${d.jensenShannon}`,
      );
    }
  });
  await t.step("null of the same shape", () => {
    const d = nullDivergence(n, m, 0.01, rng, { bins });
    assert(d.jensenShannon > 0.3 * floor && d.jensenShannon < 3 * floor, `${d.jensenShannon}`);
  });
  await t.step("sparse W (10% nonzero), Givens and Haar", () => {
    const sparse = matrix(
      n,
      m,
      Array.from({ length: n * m }, () => rng.nextDouble() < 0.1 ? rng.nextNormal() : 0),
    );
    for (const method of ["givens", "haar"] as const) {
      const d = rotationDivergence(sparse, rng, { method, bins });
      assert(d.jensenShannon > 10 * floor, `${method} ${d.jensenShannon}`);
    }
  });
  await t.step("block low-rank plus noise, Haar", () => {
    const w = gaussian(n, m, rng);
    for (let i = 0; i < n / 4; i++) for (let j = 0; j < m / 4; j++) w.data[i * m + j] += 0.1;
    const d = rotationDivergence(w, rng, { method: "haar", bins });
    assert(d.jensenShannon > 10 * floor, `${d.jensenShannon}`);
  });
  await t.step("paper-scale floors", () => {
    assert(Math.abs(noiseFloor(784, 500) - 6.4e-4) < 0.1e-4);
    assert(Math.abs(noiseFloor(784, 64) - 5.0e-3) < 0.1e-3);
  });
});
