/**
 * Householder QR in Float64: the full orthogonal factor, and the orthonormal complement of a set of
 * columns (used to complete the null space of a thin SVD factor).
 *
 * @module
 */

import { matrix, type Matrix64, norm2, transpose } from "./matrix.ts";

/** Householder reflectors Hⱼ = I − βⱼvⱼvⱼᵀ with Q = H₀H₁⋯H_{k−1}; vⱼ is zero before index j. */
interface Reflectors {
  readonly n: number;
  readonly count: number;
  /** count × n, row j holds vⱼ. */
  readonly vectors: Float64Array;
  readonly betas: Float64Array;
}

/**
 * Factors A (n×c, stored transposed in `at`: row j of `at` is column j of A). On return `at` holds
 * Rᵀ in its upper part (row j, entries 0..j), and the reflectors are returned.
 */
function factor(at: Float64Array, n: number, c: number): Reflectors {
  const count = Math.min(n, c);
  const vectors = new Float64Array(count * n);
  const betas = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    const col = j * n;
    let alpha = norm2(at, col + j, col + n);
    if (alpha === 0) continue; // Hⱼ = I, column already zero below the diagonal
    if (at[col + j] > 0) alpha = -alpha;
    const v = j * n;
    let vtv = 0;
    for (let i = j; i < n; i++) {
      const vi = i === j ? at[col + i] - alpha : at[col + i];
      vectors[v + i] = vi;
      vtv += vi * vi;
    }
    const beta = 2 / vtv;
    betas[j] = beta;
    at[col + j] = alpha;
    for (let i = j + 1; i < n; i++) at[col + i] = 0;
    for (let other = j + 1; other < c; other++) {
      const o = other * n;
      let t = 0;
      for (let i = j; i < n; i++) t += vectors[v + i] * at[o + i];
      t *= beta;
      if (t === 0) continue;
      for (let i = j; i < n; i++) at[o + i] -= t * vectors[v + i];
    }
  }
  return { n, count, vectors, betas };
}

/** Overwrites each row b of `bt` (a column of B, length n) with Qb. */
function applyQ(h: Reflectors, bt: Float64Array, columns: number): void {
  const { n, vectors, betas } = h;
  for (let j = h.count - 1; j >= 0; j--) {
    const beta = betas[j];
    if (beta === 0) continue;
    const v = j * n;
    for (let c = 0; c < columns; c++) {
      const o = c * n;
      let t = 0;
      for (let i = j; i < n; i++) t += vectors[v + i] * bt[o + i];
      t *= beta;
      if (t === 0) continue;
      for (let i = j; i < n; i++) bt[o + i] -= t * vectors[v + i];
    }
  }
}

/** Result of {@link qr}: A = QR with Q (rows×rows) orthogonal and R (rows×cols) upper triangular. */
export interface QrDecomposition {
  /** Orthogonal factor, shape [rows, rows]. */
  readonly q: Matrix64;
  /** Upper-triangular factor, shape [rows, cols]; its diagonal may have either sign. */
  readonly r: Matrix64;
}

/**
 * Full Householder QR, A = QR, for any shape (Q square and orthogonal, R upper triangular).
 *
 * @example Factor a 3×2 matrix
 * ```ts
 * import { matrix, maxAbsDifference, multiply } from "./matrix.ts";
 * import { qr } from "./qr.ts";
 * const a = matrix(3, 2, [1, 2, 3, 4, 5, 6]);
 * const { q, r } = qr(a);
 * console.assert(maxAbsDifference(multiply(q, r), a) < 1e-12);
 * ```
 */
export function qr(a: Matrix64): QrDecomposition {
  const n = a.rows, c = a.cols;
  const at = transpose(a).data;
  const h = factor(at, n, c);
  const r = new Float64Array(n * c);
  for (let j = 0; j < c; j++) {
    for (let i = 0; i <= Math.min(j, n - 1); i++) r[i * c + j] = at[j * n + i];
  }
  const qt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) qt[i * n + i] = 1;
  applyQ(h, qt, n);
  return { q: transpose(matrix(n, n, qt)), r: matrix(n, c, r) };
}

/**
 * An orthonormal basis of the orthogonal complement of the column span of Q (n×k, full column rank,
 * typically with orthonormal columns): an n×(n−k) matrix C with CᵀC = I and QᵀC = 0. It is the
 * trailing n−k columns of the Householder QR factor of Q, so it stays orthonormal to machine
 * precision however large n−k is.
 *
 * @example Complete one unit vector in ℝ³
 * ```ts
 * import { matrix, transposeMultiply } from "./matrix.ts";
 * import { orthonormalComplement } from "./qr.ts";
 * const q = matrix(3, 1, [0.6, 0.8, 0]);
 * const c = orthonormalComplement(q);
 * console.assert(c.cols === 2);
 * const cross = transposeMultiply(q, c);
 * console.assert(Math.abs(cross.data[0]) < 1e-15 && Math.abs(cross.data[1]) < 1e-15);
 * ```
 */
export function orthonormalComplement(q: Matrix64): Matrix64 {
  const n = q.rows, k = q.cols;
  if (k > n) {
    throw new RangeError(
      `Cannot complete a basis as the columns must not outnumber the rows: current value is [${n}, ${k}]`,
    );
  }
  const free = n - k;
  const at = transpose(q).data;
  const h = factor(at, n, k);
  const bt = new Float64Array(free * n);
  for (let c = 0; c < free; c++) bt[c * n + k + c] = 1;
  applyQ(h, bt, free);
  return transpose(matrix(free, n, bt));
}
