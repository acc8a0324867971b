/**
 * C2: the saddle structure of the reciprocal energy (SCIENCE.md §3).
 *
 * @module
 */

import { fc } from "../deps.ts";
import {
  matrix,
  multiplyVector,
  symmetricEigenvalues,
  transposeMultiplyVector,
} from "../linalg/mod.ts";
import { Rng } from "../random/mod.ts";
import { randomParams64 } from "../rbm/energy64.ts";
import { energy, hessianSpectrum, saddlePoints, toReciprocal } from "../reciprocal/mod.ts";
import type { Claim } from "./claim.ts";

/** Input of C2: a random RBM. */
export interface SaddleInput {
  readonly numVisible: number;
  readonly numHidden: number;
  /** Standard deviation of W, a and b. */
  readonly scale: number;
  readonly seed: number;
  /** Factor applied to the predicted curvature: 1 for the claim, e.g. 2 for the control. */
  readonly curvatureFactor: number;
}

/** Relative tolerance of the identity. */
export const C2_TOLERANCE = 1e-9;

/**
 * C2 (identity): per paired mode, (x*, y*) = (−b₀/λ, −a₀/λ) is stationary with energy a₀b₀/λ, and
 * the Hessian of E(x, y) has eigenvalues exactly {±λᵢ} ∪ {0}^{|N−M|}.
 *
 * Checked independently of the reciprocal code where possible: the gradient is computed in the
 * original space (∂E/∂v = −a − Wh, rotated by Uᵀ), the saddle energy from E(Ux*, Vy*) with the free
 * coordinates at 0, and the Hessian spectrum from the symmetric eigenvalues of [[0, −W], [−Wᵀ, 0]]
 * (the (v, h) Hessian, whose spectrum the rotation preserves), compared with the prediction
 * {±λᵢ} ∪ {0}^{|N−M|} scaled by `curvatureFactor`.
 */
export const saddleClaim: Claim<SaddleInput> = {
  id: "C2",
  title:
    "Each paired mode has one saddle at (−b₀/λ, −a₀/λ) with energy a₀b₀/λ, and the Hessian eigenvalues are exactly {±λᵢ} ∪ {0}^|N−M|.",
  source: "SCIENCE.md §3; paper Sec. 2",
  kind: "identity",
  headline: ["gradientError", "energyError", "hessianError"],
  inputs: fc.record({
    numVisible: fc.integer({ min: 1, max: 16 }),
    numHidden: fc.integer({ min: 1, max: 16 }),
    scale: fc.constantFrom(0.1, 1, 3),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    curvatureFactor: fc.constant(1),
  }),
  evaluate(input) {
    const { numVisible: n, numHidden: m } = input;
    const params = randomParams64(n, m, input.scale, new Rng(input.seed));
    const r = toReciprocal(params);
    const saddle = saddlePoints(r);
    const x = new Float64Array(n), y = new Float64Array(m);
    for (const mode of saddle.modes) {
      x[mode.index] = mode.x;
      y[mode.index] = mode.y;
    }
    const v = multiplyVector(r.u, x), h = multiplyVector(r.v, y);
    // ∂E/∂x = Uᵀ(−a − Wh), ∂E/∂y = Vᵀ(−b − Wᵀv): zero on every paired mode at the saddle.
    const wh = multiplyVector(params.weights, h), wtv = transposeMultiplyVector(params.weights, v);
    const gv = wh.map((value, i) => -params.visibleBias[i] - value);
    const gh = wtv.map((value, j) => -params.hiddenBias[j] - value);
    const gx = transposeMultiplyVector(r.u, gv), gy = transposeMultiplyVector(r.v, gh);
    // Rounding scale of the gradient sums: |bias| + λ₁·(largest saddle coordinate).
    let coordinate = 0;
    for (const mode of saddle.modes) {
      coordinate = Math.max(coordinate, Math.abs(mode.x), Math.abs(mode.y));
    }
    let gradientError = 0;
    for (const mode of saddle.modes) {
      const i = mode.index;
      const size = 1 + Math.abs(r.visibleBias0[i]) + Math.abs(r.hiddenBias0[i]) +
        (r.singularValues[0] ?? 0) * coordinate;
      gradientError = Math.max(gradientError, Math.abs(gx[i]) / size, Math.abs(gy[i]) / size);
    }
    let sumModeEnergies = 0;
    for (const mode of saddle.modes) {
      sumModeEnergies += r.visibleBias0[mode.index] * r.hiddenBias0[mode.index] /
        mode.singularValue;
    }
    const plain = energy(params, v, h);
    let energyScale = 1;
    for (const mode of saddle.modes) energyScale += Math.abs(mode.energy);
    const energyError = Math.max(
      Math.abs(plain - saddle.totalEnergy),
      Math.abs(sumModeEnergies - saddle.totalEnergy),
    ) / energyScale;
    // The (v, h) Hessian [[0, −W], [−Wᵀ, 0]]; its spectrum is that of the (x, y) Hessian.
    const size = n + m;
    const hessian = matrix(size, size);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        const w = params.weights.data[i * m + j];
        hessian.data[i * size + n + j] = -w;
        hessian.data[(n + j) * size + i] = -w;
      }
    }
    const measured = Float64Array.from(symmetricEigenvalues(hessian)).sort();
    const predicted = hessianSpectrum(r).map((value) => value * input.curvatureFactor).sort();
    let hessianError = 0;
    const lambdaMax = Math.max(r.singularValues[0] ?? 0, 1e-300);
    for (let k = 0; k < size; k++) {
      hessianError = Math.max(hessianError, Math.abs(measured[k] - predicted[k]) / lambdaMax);
    }
    return {
      gradientError,
      energyError,
      hessianError,
      pairedModes: saddle.modes.length,
      freeModes: saddle.freeModes,
    };
  },
  accept: (e) =>
    e.gradientError <= C2_TOLERANCE && e.energyError <= C2_TOLERANCE &&
    e.hessianError <= C2_TOLERANCE,
  negativeControl: { numVisible: 6, numHidden: 4, scale: 1, seed: 2, curvatureFactor: 2 },
};
