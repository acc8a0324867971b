import { assert, assertThrows } from "../_testing.ts";
import { fc } from "../deps.ts";
import { identity, maxAbsDifference, transposeMultiply } from "../linalg/mod.ts";
import { Rng } from "../random/mod.ts";
import { randomParams64 } from "../rbm/energy64.ts";
import {
  energy,
  hiddenFromReciprocal,
  hiddenToReciprocal,
  reciprocalEnergy,
  toReciprocal,
  visibleFromReciprocal,
  visibleToReciprocal,
} from "./transform.ts";

function randomBinary(k: number, rng: Rng): Float64Array {
  return Float64Array.from({ length: k }, () => (rng.nextDouble() < 0.5 ? 0 : 1));
}

Deno.test("reciprocalEnergy() equals energy() for random RBMs and binary states", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      fc.constantFrom(0.01, 1, 10),
      (n, m, seed, scale) => {
        const params = randomParams64(n, m, scale, new Rng(seed));
        const r = toReciprocal(params);
        const rng = new Rng(seed ^ 0x5bd1e995);
        for (let trial = 0; trial < 5; trial++) {
          const v = randomBinary(n, rng), h = randomBinary(m, rng);
          const plain = energy(params, v, h);
          const rec = reciprocalEnergy(r, visibleToReciprocal(r, v), hiddenToReciprocal(r, h));
          // Relative to the energy's scale Σ|aᵢvᵢ| + Σ|bⱼhⱼ| + Σ|vᵢWᵢⱼhⱼ| (E itself may be ≈ 0).
          let size = 0;
          for (let i = 0; i < n; i++) size += Math.abs(params.visibleBias[i] * v[i]);
          for (let j = 0; j < m; j++) size += Math.abs(params.hiddenBias[j] * h[j]);
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < m; j++) {
              size += Math.abs(v[i] * params.weights.data[i * m + j] * h[j]);
            }
          }
          if (!(Math.abs(rec - plain) <= 1e-10 * size + 1e-300)) return false;
        }
        return true;
      },
    ),
    { numRuns: 80, seed: 42 },
  );
});

Deno.test("toReciprocal() rotates the biases with the full U and V", () => {
  for (const [n, m] of [[6, 3], [3, 6], [4, 4]]) {
    const params = randomParams64(n, m, 1, new Rng(n * 10 + m));
    const r = toReciprocal(params);
    assert(maxAbsDifference(transposeMultiply(r.u, r.u), identity(n)) < 1e-14);
    assert(maxAbsDifference(transposeMultiply(r.v, r.v), identity(m)) < 1e-14);
    const a = visibleFromReciprocal(r, r.visibleBias0);
    const b = hiddenFromReciprocal(r, r.hiddenBias0);
    for (let i = 0; i < n; i++) assert(Math.abs(a[i] - params.visibleBias[i]) < 1e-14);
    for (let j = 0; j < m; j++) assert(Math.abs(b[j] - params.hiddenBias[j]) < 1e-14);
    // The transform is a rotation: norms are preserved.
    const v = Float64Array.from({ length: n }, (_, i) => i % 2);
    const x = visibleToReciprocal(r, v);
    assert(Math.abs(Math.hypot(...x) - Math.hypot(...v)) < 1e-14);
  }
});

Deno.test("energy() and the transforms validate their inputs", () => {
  const params = randomParams64(3, 2, 1, new Rng(1));
  const r = toReciprocal(params);
  assertThrows(() => energy(params, [1, 0], [1, 0]), RangeError, "current value is 2");
  assertThrows(() => visibleToReciprocal(r, [1]), RangeError, "length must be 3");
  assertThrows(() => reciprocalEnergy(r, [0, 0, 0], [0]), RangeError, "length must be 2");
  assertThrows(
    () => toReciprocal({ ...params, visibleBias: new Float64Array(2) }),
    RangeError,
    "current value is [2, 2]",
  );
  assertThrows(
    () => toReciprocal({ ...params, hiddenBias: new Float64Array([0, NaN]) }),
    RangeError,
    "b[1] = NaN",
  );
});
