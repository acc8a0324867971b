/**
 * Float64 linear algebra: row-major {@link Matrix64} helpers, Householder QR, symmetric
 * eigenvalues, and the full, sign-fixed SVD used by the reciprocal-space analysis.
 *
 * @example Full SVD and the values-only path agree
 * ```ts
 * import { matrix, singularValues, svd } from "./mod.ts";
 * const w = matrix(3, 2, [1, 2, 3, 4, 5, 6]);
 * const full = svd(w);
 * const values = singularValues(w);
 * console.assert(full.u.rows === 3 && full.v.rows === 2);
 * console.assert(Math.abs(full.singularValues[0] - values[0]) < 1e-12);
 * ```
 *
 * @module
 */
export {
  clone,
  column,
  frobeniusNorm,
  identity,
  matrix,
  type Matrix64,
  maxAbsDifference,
  multiply,
  multiplyVector,
  norm2,
  transpose,
  transposeMultiply,
  transposeMultiplyVector,
} from "./matrix.ts";
export { orthonormalComplement, qr, type QrDecomposition } from "./qr.ts";
export { hypotenuse, symmetricEigenvalues } from "./eigen.ts";
export { GRAM_PATH_MIN_RATIO, singularValues, type Svd, svd, topSingularValues } from "./svd.ts";
