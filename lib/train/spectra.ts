/**
 * Float64 spectral summaries of W logged during training: the full singular-value spectrum, the top
 * values, and the total saddle energy Σᵢ a₀ᵢb₀ᵢ/λᵢ over paired modes (SCIENCE.md §3).
 *
 * @module
 */

import { matrix, type Matrix64 } from "../linalg/matrix.ts";
import { singularValues } from "../linalg/svd.ts";
import { type RbmParameters, toParams64 } from "../rbm/params.ts";
import { saddleEnergy, toReciprocal } from "../reciprocal/mod.ts";

/** W as a Float64 matrix [numVisible, numHidden]. */
export function weightsMatrix(
  weights: Float32Array,
  numVisible: number,
  numHidden: number,
): Matrix64 {
  return matrix(numVisible, numHidden, Float64Array.from(weights));
}

/**
 * All min(N, M) singular values of W, descending.
 *
 * @example
 * ```ts
 * import { spectrum } from "./spectra.ts";
 * const s = spectrum(new Float32Array([3, 0, 0, 4]), 2, 2);
 * console.assert(Math.abs(s[0] - 4) < 1e-12 && Math.abs(s[1] - 3) < 1e-12);
 * ```
 */
export function spectrum(
  weights: Float32Array,
  numVisible: number,
  numHidden: number,
): Float64Array {
  return singularValues(weightsMatrix(weights, numVisible, numHidden));
}

/**
 * Total saddle energy Σᵢ a₀ᵢ b₀ᵢ / λᵢ over paired modes with λᵢ > 0 (lib/reciprocal/saddle.ts), and
 * the full singular-value spectrum of the same SVD.
 *
 * @example
 * ```ts
 * import { saddleEnergyOf } from "./spectra.ts";
 * const p = { numVisible: 1, numHidden: 1, weights: new Float32Array([2]),
 *   visibleBias: new Float32Array([1]), hiddenBias: new Float32Array([3]) };
 * console.assert(saddleEnergyOf(p).energy === 1.5);
 * ```
 */
export function saddleEnergyOf(p: RbmParameters): { energy: number; singularValues: Float64Array } {
  const r = toReciprocal(toParams64(p));
  return { energy: saddleEnergy(r), singularValues: r.singularValues };
}
