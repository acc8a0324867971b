/**
 * Reciprocal space of binary RBMs (arXiv 2503.21536; SCIENCE.md §2, §3, §5–§7): the SVD rotation
 * x = Uᵀv, y = Vᵀh, per-mode saddles and curvature, mode tracking and λ > 4 crossings, the exact
 * Gaussian-limit moments, and the rotational-symmetry (Jensen–Shannon) test.
 *
 * @example Reciprocal energy equals the plain energy
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import {
 *   energy,
 *   hiddenToReciprocal,
 *   reciprocalEnergy,
 *   saddleEnergy,
 *   toReciprocal,
 *   visibleToReciprocal,
 * } from "./mod.ts";
 * const params = {
 *   weights: matrix(3, 2, [0.5, -1, 2, 0.3, 0, 1]),
 *   visibleBias: new Float64Array([0.1, -0.2, 0.3]),
 *   hiddenBias: new Float64Array([0.4, -0.5]),
 * };
 * const r = toReciprocal(params);
 * const v = [1, 0, 1], h = [0, 1];
 * const e = reciprocalEnergy(r, visibleToReciprocal(r, v), hiddenToReciprocal(r, h));
 * console.assert(Math.abs(e - energy(params, v, h)) < 1e-12);
 * console.assert(Number.isFinite(saddleEnergy(r)));
 * ```
 *
 * @module
 */
export {
  energy,
  hiddenFromReciprocal,
  hiddenToReciprocal,
  type RbmParams64,
  type Reciprocal,
  reciprocalEnergy,
  toReciprocal,
  visibleFromReciprocal,
  visibleToReciprocal,
} from "./transform.ts";
export {
  hessianSpectrum,
  type LandscapeGrid,
  modeEnergy,
  type ModeLandscape,
  modeLandscape,
  type ModeSaddle,
  reciprocalHessian,
  type RotatedCoordinates,
  rotatedCoordinates,
  saddleEnergy,
  type SaddlePoints,
  saddlePoints,
} from "./saddle.ts";
export {
  type CrossingSummary,
  crossingUpdates,
  kendallTau,
  matchModes,
  type ModeCheckpoint,
  type ModeCrossing,
  type ModeMatch,
  type ModeTracks,
  type SpectrumLogEntry,
  trackModes,
} from "./modes.ts";
export {
  type EmpiricalReciprocalMoments,
  empiricalReciprocalMoments,
  type ExactFreeSubspaceMoments,
  type ExactReciprocalMoments,
  exactReciprocalMoments,
  type FreeSubspaceMoments,
  haarKurtosis,
  type SampleMoments,
  sampleMoments,
} from "./gaussian_limit.ts";
export {
  conjugateByGivens,
  givensMatrix,
  givensRotatedWeights,
  type GivensRotation,
  haarOrthogonal,
  haarRotatedWeights,
  type HistogramDivergence,
  histogramDivergence,
  noiseFloor,
  nullDivergence,
  randomGivensRotations,
  type RotationDivergence,
  rotationDivergence,
  type RotationHistogramOptions,
  type RotationOptions,
} from "./rotation.ts";
