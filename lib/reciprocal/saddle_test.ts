import { assert, assertEquals, assertThrows } from "../_testing.ts";
import { matrix, symmetricEigenvalues } from "../linalg/mod.ts";
import { randomParams64 } from "../rbm/energy64.ts";
import { Rng } from "../random/mod.ts";
import {
  hessianSpectrum,
  modeEnergy,
  modeLandscape,
  reciprocalHessian,
  rotatedCoordinates,
  saddleEnergy,
  saddlePoints,
} from "./saddle.ts";
import { reciprocalEnergy, toReciprocal } from "./transform.ts";

const shapes = [[5, 3], [3, 5], [4, 4], [1, 6], [6, 1]];

Deno.test("hessianSpectrum() equals the eigenvalues of the full Hessian", async (t) => {
  for (const [n, m] of shapes) {
    await t.step(`${n}×${m}`, () => {
      const params = randomParams64(n, m, 1, new Rng(17 * n + m));
      const r = toReciprocal(params);
      const spectrum = hessianSpectrum(r);
      assertEquals(spectrum.length, n + m);
      assertEquals(spectrum.filter((x) => x === 0).length, Math.abs(n - m));
      // Reciprocal coordinates (x, y).
      const fromReciprocal = symmetricEigenvalues(reciprocalHessian(r));
      // Original coordinates (v, h): [[0, −W], [−Wᵀ, 0]], the same up to the rotation.
      const size = n + m, h = matrix(size, size);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) {
          const wij = params.weights.data[i * m + j];
          h.data[i * size + n + j] = -wij;
          h.data[(n + j) * size + i] = -wij;
        }
      }
      const fromOriginal = symmetricEigenvalues(h);
      for (let k = 0; k < size; k++) {
        assert(Math.abs(spectrum[k] - fromReciprocal[k]) < 1e-13, `reciprocal ${k}`);
        assert(Math.abs(spectrum[k] - fromOriginal[k]) < 1e-12, `original ${k}`);
      }
    });
  }
});

Deno.test("reciprocalHessian() matches second differences of reciprocalEnergy()", () => {
  const r = toReciprocal(randomParams64(4, 3, 1, new Rng(5)));
  const n = 4, size = 7;
  const hessian = reciprocalHessian(r);
  const at = (z: number[]) => reciprocalEnergy(r, z.slice(0, n), z.slice(n));
  const base = [0.3, -0.2, 0.5, 0.1, 0.7, -0.4, 0.2];
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) {
      const za = base.slice(), zb = base.slice(), zab = base.slice();
      za[a] += 1;
      zb[b] += 1;
      zab[a] += 1;
      zab[b] += 1;
      // E is bilinear in (x, y) and has no xᵢ² terms, so unit-step second differences are exact.
      const second = a === b ? 0 : at(zab) - at(za) - at(zb) + at(base);
      assert(Math.abs(second - hessian.data[a * size + b]) < 1e-12, `(${a}, ${b})`);
    }
  }
});

Deno.test("saddlePoints() gives stationary points with energy a₀b₀/λ", () => {
  for (const [n, m] of shapes) {
    const r = toReciprocal(randomParams64(n, m, 1, new Rng(3 * n + m)));
    const { modes, totalEnergy, zeroModes, freeModes } = saddlePoints(r);
    assertEquals(modes.length, Math.min(n, m));
    assertEquals(zeroModes, []);
    assertEquals(freeModes, Math.abs(n - m));
    let total = 0;
    for (const s of modes) {
      const i = s.index, lambda = r.singularValues[i];
      // ∂Eᵢ/∂x = −a₀ − λy and ∂Eᵢ/∂y = −b₀ − λx vanish at the saddle.
      assert(Math.abs(-r.visibleBias0[i] - lambda * s.y) < 1e-12);
      assert(Math.abs(-r.hiddenBias0[i] - lambda * s.x) < 1e-12);
      assert(Math.abs(modeEnergy(r, i, s.x, s.y) - s.energy) < 1e-12 * (1 + Math.abs(s.energy)));
      total += s.energy;
    }
    assert(Math.abs(total - totalEnergy) < 1e-12 && saddleEnergy(r) === totalEnergy);
  }
});

Deno.test("saddlePoints() skips modes with λ = 0", () => {
  // Rank 1: λ₂ = 0 exactly is not guaranteed in floating point, so build W = diag(2, 0) padded.
  const r = toReciprocal({
    weights: matrix(3, 2, [2, 0, 0, 0, 0, 0]),
    visibleBias: new Float64Array([1, 2, 3]),
    hiddenBias: new Float64Array([4, 5]),
  });
  const s = saddlePoints(r);
  assertEquals(s.modes.map((x) => x.index), [0]);
  assertEquals(s.zeroModes, [1]);
  assertEquals(s.totalEnergy, 1 * 4 / 2);
  assertThrows(() => rotatedCoordinates(r, 1, 0, 0), RangeError, "current value is 0");
  assertEquals(modeLandscape(r, 1, { xs: [0], ys: [0] }).saddle, null);
});

Deno.test("rotatedCoordinates() diagonalize each mode: Eᵢ = εᵢ − λu²/2 + λw²/2", () => {
  const r = toReciprocal(randomParams64(5, 4, 1, new Rng(8)));
  const { modes } = saddlePoints(r);
  for (const s of modes) {
    for (const [x, y] of [[0, 0], [1, -2], [0.3, 0.9], [-4, 2.5]]) {
      const { u, w } = rotatedCoordinates(r, s.index, x, y);
      const expected = s.energy - s.singularValue * u * u / 2 + s.singularValue * w * w / 2;
      assert(Math.abs(modeEnergy(r, s.index, x, y) - expected) < 1e-11 * (1 + Math.abs(expected)));
    }
  }
});

Deno.test("modeLandscape() evaluates Eᵢ on a row-major grid", () => {
  const r = toReciprocal(randomParams64(3, 3, 1, new Rng(9)));
  const xs = [-1, 0, 1, 2], ys = [-0.5, 0.5];
  const l = modeLandscape(r, 0, { xs, ys });
  assertEquals(l.energy.length, 8);
  assertEquals(l.energy[1 * 4 + 2], modeEnergy(r, 0, xs[2], ys[1]));
  assertEquals(l.saddle!.index, 0);
  assertThrows(() => modeLandscape(r, 3, { xs, ys }), RangeError, "current value is 3");
});
