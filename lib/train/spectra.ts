/**
 * Float64 spectral summaries of W logged during training: the full singular-value spectrum, the top
 * values, and the total saddle energy Σᵢ a₀ᵢb₀ᵢ/λᵢ over paired modes (SCIENCE.md §3).
 *
 * @module
 */

import { matrix, type Matrix64 } from "../linalg/matrix.ts";
import { singularValues, svd, topSingularValues } from "../linalg/svd.ts";
import type { RbmParameters } from "../rbm/params.ts";

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

/** The k largest singular values of W, descending. */
export function topSpectrum(
  weights: Float32Array,
  numVisible: number,
  numHidden: number,
  k: number,
): Float64Array {
  return topSingularValues(
    weightsMatrix(weights, numVisible, numHidden),
    Math.min(k, numVisible, numHidden),
  );
}

/**
 * Total saddle energy Σᵢ a₀ᵢ b₀ᵢ / λᵢ over paired modes with λᵢ > 0 (a₀ = Uᵀa, b₀ = Vᵀb), and the
 * singular values it used.
 *
 * @example
 * ```ts
 * import { saddleEnergy } from "./spectra.ts";
 * const p = { numVisible: 1, numHidden: 1, weights: new Float32Array([2]),
 *   visibleBias: new Float32Array([1]), hiddenBias: new Float32Array([3]) };
 * console.assert(saddleEnergy(p).energy === 1.5);
 * ```
 */
export function saddleEnergy(p: RbmParameters): { energy: number; singularValues: Float64Array } {
  const { u, v, singularValues: s } = svd(weightsMatrix(p.weights, p.numVisible, p.numHidden));
  let energy = 0;
  for (let i = 0; i < s.length; i++) {
    if (!(s[i] > 0)) continue;
    let a0 = 0, b0 = 0;
    for (let r = 0; r < p.numVisible; r++) a0 += u.data[r * u.cols + i] * p.visibleBias[r];
    for (let r = 0; r < p.numHidden; r++) b0 += v.data[r * v.cols + i] * p.hiddenBias[r];
    energy += a0 * b0 / s[i];
  }
  return { energy, singularValues: s };
}
