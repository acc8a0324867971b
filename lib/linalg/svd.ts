/**
 * Float64 singular value decomposition W = UΣVᵀ, full and complete (U and V square and orthogonal,
 * null-space columns included), sign-fixed, singular values descending; and a faster values-only
 * path.
 *
 * Sign convention (a gauge choice, SCIENCE.md §2): for every paired mode i < L = min(N, M) the
 * column sum ΣⱼUⱼᵢ is made ≥ 0 and column i of V is flipped with it, so W = UΣVᵀ still holds. The
 * free (null-space) columns of the larger factor follow the same column-sum ≥ 0 rule on their own.
 * When a column sum is zero to rounding (|ΣⱼUⱼᵢ| ≤ n·ε·Σⱼ|Uⱼᵢ|) its sign is decided instead by
 * making its first largest-magnitude entry positive. Columns for repeated or zero singular values,
 * and the free columns, are only defined up to a rotation within their subspace.
 *
 * @module
 */

import { Matrix, SingularValueDecomposition } from "../deps.ts";
import { identity, matrix, type Matrix64, norm2, transpose } from "./matrix.ts";
import { orthonormalComplement } from "./qr.ts";
import { hypotenuse, symmetricEigenvalues } from "./eigen.ts";

/** Result of {@link svd}: W (N×M) = U · diag(singularValues) · Vᵀ. */
export interface Svd {
  /** Left singular vectors as columns, shape [N, N], orthogonal. */
  readonly u: Matrix64;
  /** The L = min(N, M) singular values, descending, all ≥ 0. */
  readonly singularValues: Float64Array;
  /** Right singular vectors as columns, shape [M, M], orthogonal. */
  readonly v: Matrix64;
}

function checkFinite(what: string, w: Matrix64): void {
  const { rows, cols, data } = w;
  if (data.length !== rows * cols) {
    throw new RangeError(
      `Cannot ${what} as the data length must be rows·cols = ${
        rows * cols
      }: current value is ${data.length}`,
    );
  }
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k])) {
      const i = Math.floor(k / cols), j = k % cols;
      throw new RangeError(
        `Cannot ${what} as every entry must be finite: current value is ${data[k]} at (${i}, ${j})`,
      );
    }
  }
}

/** Copies a row-major Matrix64 into an ml-matrix Matrix. */
function toMl(a: Matrix64): Matrix {
  return Matrix.from1DArray(a.rows, a.cols, a.data);
}

/** Copies an ml-matrix Matrix into a Matrix64. */
function fromMl(a: Matrix): Matrix64 {
  return matrix(a.rows, a.columns, Float64Array.from(a.to1DArray()));
}

/** Horizontal concatenation [A | B] of matrices with the same number of rows. */
function concatColumns(a: Matrix64, b: Matrix64): Matrix64 {
  const rows = a.rows, cols = a.cols + b.cols;
  const out = matrix(rows, cols);
  for (let i = 0; i < rows; i++) {
    out.data.set(a.data.subarray(i * a.cols, (i + 1) * a.cols), i * cols);
    out.data.set(b.data.subarray(i * b.cols, (i + 1) * b.cols), i * cols + a.cols);
  }
  return out;
}

/** Whether column j of A must be negated under the column-sum ≥ 0 rule (with its tie-break). */
function needsFlip(a: Matrix64, j: number): boolean {
  const { rows, cols, data } = a;
  let sum = 0, abs = 0, big = 0, bigValue = 0;
  for (let i = 0; i < rows; i++) {
    const x = data[i * cols + j];
    sum += x;
    abs += Math.abs(x);
    if (Math.abs(x) > big) {
      big = Math.abs(x);
      bigValue = x;
    }
  }
  if (Math.abs(sum) > rows * Number.EPSILON * abs) return sum < 0;
  return bigValue < 0;
}

function negateColumn(a: Matrix64, j: number): void {
  for (let i = 0; i < a.rows; i++) a.data[i * a.cols + j] = -a.data[i * a.cols + j];
}

/**
 * Full, complete singular value decomposition of an N×M matrix, W = UΣVᵀ, in either orientation.
 * U is N×N and V is M×M, both orthogonal including the |N−M| null-space columns; the L = min(N, M)
 * singular values are descending. Signs follow the module's convention (ΣⱼUⱼᵢ ≥ 0 per column).
 *
 * Method: ml-matrix's one-sided Golub–Kahan SVD on the tall orientation (a wide W is transposed
 * first), then the thin factor is completed by the trailing columns of its Householder QR factor.
 *
 * @example Decompose a wide 2×3 matrix and rebuild it
 * ```ts
 * import { matrix } from "./matrix.ts";
 * import { svd } from "./svd.ts";
 * const w = matrix(2, 3, [3, 0, 0, 0, 2, 0]);
 * const { u, singularValues, v } = svd(w);
 * console.assert(u.rows === 2 && v.rows === 3 && singularValues.length === 2);
 * console.assert(Math.abs(singularValues[0] - 3) < 1e-15 && Math.abs(singularValues[1] - 2) < 1e-15);
 * let entry = 0; // W₀₀ = Σᵢ U₀ᵢ λᵢ V₀ᵢ
 * for (let i = 0; i < 2; i++) entry += u.data[i] * singularValues[i] * v.data[i];
 * console.assert(Math.abs(entry - 3) < 1e-14);
 * ```
 */
export function svd(w: Matrix64): Svd {
  checkFinite("compute the SVD", w);
  const n = w.rows, m = w.cols, l = Math.min(n, m);
  if (l === 0) return { u: identity(n), singularValues: new Float64Array(0), v: identity(m) };
  const wide = n < m;
  const tall = wide ? transpose(w) : w; // rows ≥ cols
  const dec = new SingularValueDecomposition(toMl(tall), {
    computeLeftSingularVectors: true,
    computeRightSingularVectors: true,
    autoTranspose: false,
  });
  const thin = fromMl(dec.leftSingularVectors); // rows × l
  const right = fromMl(dec.rightSingularVectors); // l × l
  const values = Float64Array.from(dec.diagonal.slice(0, l));
  const full = thin.cols < thin.rows ? concatColumns(thin, orthonormalComplement(thin)) : thin;
  const u = wide ? right : full;
  const v = wide ? full : right;
  for (let i = 0; i < l; i++) {
    if (values[i] < 0) values[i] = 0; // ml-matrix already returns ≥ 0; guard −0 and rounding
    if (needsFlip(u, i)) {
      negateColumn(u, i);
      negateColumn(v, i);
    }
  }
  for (let i = l; i < n; i++) if (needsFlip(u, i)) negateColumn(u, i);
  for (let i = l; i < m; i++) if (needsFlip(v, i)) negateColumn(v, i);
  return { u, singularValues: values, v };
}

/**
 * Singular values of the m×n (m ≥ n ≥ 1) matrix A held transposed in `at` (row j = column j of A,
 * length m); `at` is overwritten. A port of the values-only branch of the JAMA/ml-matrix one-sided
 * Golub–Kahan SVD (Householder bidiagonalization, then implicit-shift QR on the bidiagonal) to flat
 * Float64Array storage with contiguous inner loops.
 */
function golubKahanValues(at: Float64Array, m: number, n: number): Float64Array {
  const s = new Float64Array(n);
  const e = new Float64Array(n);
  const work = new Float64Array(m);
  const nct = Math.min(m - 1, n);
  const nrt = Math.max(0, Math.min(n - 2, m));
  const mrc = Math.max(nct, nrt);

  for (let k = 0; k < mrc; k++) {
    const rowK = k * m;
    if (k < nct) {
      let sk = norm2(at, rowK + k, rowK + m);
      if (sk !== 0) {
        if (at[rowK + k] < 0) sk = -sk;
        for (let i = k; i < m; i++) at[rowK + i] /= sk;
        at[rowK + k] += 1;
      }
      s[k] = -sk;
    }
    for (let j = k + 1; j < n; j++) {
      const rowJ = j * m;
      if (k < nct && s[k] !== 0) {
        let t = 0;
        for (let i = k; i < m; i++) t += at[rowK + i] * at[rowJ + i];
        t = -t / at[rowK + k];
        for (let i = k; i < m; i++) at[rowJ + i] += t * at[rowK + i];
      }
      e[j] = at[rowJ + k];
    }
    if (k < nrt) {
      let ek = norm2(e, k + 1, n);
      if (ek !== 0) {
        if (e[k + 1] < 0) ek = -ek;
        for (let i = k + 1; i < n; i++) e[i] /= ek;
        e[k + 1] += 1;
      }
      e[k] = -ek;
      if (k + 1 < m && e[k] !== 0) {
        work.fill(0, k + 1, m);
        for (let j = k + 1; j < n; j++) {
          const ej = e[j], rowJ = j * m;
          for (let i = k + 1; i < m; i++) work[i] += ej * at[rowJ + i];
        }
        const pivot = e[k + 1];
        for (let j = k + 1; j < n; j++) {
          const t = -e[j] / pivot, rowJ = j * m;
          for (let i = k + 1; i < m; i++) at[rowJ + i] += t * work[i];
        }
      }
    }
  }

  let p = n;
  if (nct < n) s[nct] = at[nct * m + nct];
  if (nrt + 1 < p) e[nrt] = at[(p - 1) * m + nrt];
  e[p - 1] = 0;

  const eps = Number.EPSILON;
  const maxIterations = 75 * n * Math.max(n, 10);
  let total = 0;
  while (p > 0) {
    if (++total > maxIterations) {
      throw new Error(
        `Cannot compute singular values as the bidiagonal QR iteration did not converge: current value is ${total} sweeps`,
      );
    }
    let k: number;
    let kase: number;
    for (k = p - 2; k >= -1; k--) {
      if (k === -1) break;
      const alpha = Number.MIN_VALUE + eps * Math.abs(s[k] + Math.abs(s[k + 1]));
      if (Math.abs(e[k]) <= alpha || Number.isNaN(e[k])) {
        e[k] = 0;
        break;
      }
    }
    if (k === p - 2) {
      kase = 4;
    } else {
      let ks: number;
      for (ks = p - 1; ks >= k; ks--) {
        if (ks === k) break;
        const t = (ks !== p ? Math.abs(e[ks]) : 0) + (ks !== k + 1 ? Math.abs(e[ks - 1]) : 0);
        if (Math.abs(s[ks]) <= eps * t) {
          s[ks] = 0;
          break;
        }
      }
      if (ks === k) {
        kase = 3;
      } else if (ks === p - 1) {
        kase = 1;
      } else {
        kase = 2;
        k = ks;
      }
    }
    k++;

    if (kase === 1) {
      // Deflate negligible s[p−1].
      let f = e[p - 2];
      e[p - 2] = 0;
      for (let j = p - 2; j >= k; j--) {
        const t = hypotenuse(s[j], f);
        const cs = s[j] / t, sn = f / t;
        s[j] = t;
        if (j !== k) {
          f = -sn * e[j - 1];
          e[j - 1] = cs * e[j - 1];
        }
      }
    } else if (kase === 2) {
      // Split at negligible s[k−1].
      let f = e[k - 1];
      e[k - 1] = 0;
      for (let j = k; j < p; j++) {
        const t = hypotenuse(s[j], f);
        const cs = s[j] / t, sn = f / t;
        s[j] = t;
        f = -sn * e[j];
        e[j] = cs * e[j];
      }
    } else if (kase === 3) {
      // One implicit-shift QR step.
      const scale = Math.max(
        Math.abs(s[p - 1]),
        Math.abs(s[p - 2]),
        Math.abs(e[p - 2]),
        Math.abs(s[k]),
        Math.abs(e[k]),
      );
      const sp = s[p - 1] / scale;
      const spm1 = s[p - 2] / scale;
      const epm1 = e[p - 2] / scale;
      const sk = s[k] / scale;
      const ek = e[k] / scale;
      const b = ((spm1 + sp) * (spm1 - sp) + epm1 * epm1) / 2;
      const c = sp * epm1 * (sp * epm1);
      let shift = 0;
      if (b !== 0 || c !== 0) {
        shift = b < 0 ? -Math.sqrt(b * b + c) : Math.sqrt(b * b + c);
        shift = c / (b + shift);
      }
      let f = (sk + sp) * (sk - sp) + shift;
      let g = sk * ek;
      for (let j = k; j < p - 1; j++) {
        let t = hypotenuse(f, g);
        if (t === 0) t = Number.MIN_VALUE;
        let cs = f / t, sn = g / t;
        if (j !== k) e[j - 1] = t;
        f = cs * s[j] + sn * e[j];
        e[j] = cs * e[j] - sn * s[j];
        g = sn * s[j + 1];
        s[j + 1] = cs * s[j + 1];
        t = hypotenuse(f, g);
        if (t === 0) t = Number.MIN_VALUE;
        cs = f / t;
        sn = g / t;
        s[j] = t;
        f = cs * e[j] + sn * s[j + 1];
        s[j + 1] = -sn * e[j] + cs * s[j + 1];
        g = sn * e[j + 1];
        e[j + 1] = cs * e[j + 1];
      }
      e[p - 2] = f;
    } else {
      // Convergence: make s[k] non-negative; the values are sorted once at the end.
      if (s[k] <= 0) s[k] = s[k] < 0 ? -s[k] : 0;
      p--;
    }
  }
  return s.sort().reverse();
}

/**
 * The L = min(N, M) singular values of an N×M matrix, descending, without singular vectors. It works
 * on W directly (Householder bidiagonalization + implicit-shift QR, absolute error ≈ ε·λ₁, like
 * {@link svd}), not on the squared Gram matrix, whose error ε·λ₁²/λᵢ would spoil the small values of a
 * trained W. Measured (best of several, shared 2-core machine): 784×500 in 340–380 ms (full
 * {@link svd}: 1.4 s; ml-matrix values-only: 560–760 ms), 784×64 in 9–10 ms (full: 100–140 ms).
 *
 * @example Values of a diagonal matrix
 * ```ts
 * import { matrix } from "./matrix.ts";
 * import { singularValues } from "./svd.ts";
 * const s = singularValues(matrix(3, 2, [0, 1, -5, 0, 0, 0]));
 * console.assert(s.length === 2 && Math.abs(s[0] - 5) < 1e-15 && Math.abs(s[1] - 1) < 1e-15);
 * ```
 */
export function singularValues(w: Matrix64): Float64Array {
  checkFinite("compute singular values", w);
  const n = w.rows, m = w.cols;
  if (Math.min(n, m) === 0) return new Float64Array(0);
  // Tall working matrix A (rows ≥ cols) stored transposed: for tall W that is Wᵀ, for wide W it is
  // W itself (A = Wᵀ).
  if (n >= m) return golubKahanValues(transpose(w).data, n, m);
  return golubKahanValues(w.data.slice(), m, n);
}

/**
 * The Gram matrix on the smaller side, G = WᵀW (M×M) when N ≥ M and WWᵀ (N×N) otherwise; its
 * eigenvalues are the squared singular values. Row-major, symmetric, shape [L, L].
 */
function smallGram(w: Matrix64): Float64Array {
  const { rows: n, cols: m, data } = w;
  if (n >= m) {
    const g = new Float64Array(m * m);
    for (let r = 0; r < n; r++) {
      const o = r * m;
      for (let i = 0; i < m; i++) {
        const wi = data[o + i];
        if (wi === 0) continue;
        const gi = i * m;
        for (let j = i; j < m; j++) g[gi + j] += wi * data[o + j];
      }
    }
    for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) g[j * m + i] = g[i * m + j];
    return g;
  }
  const g = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const oi = i * m;
    for (let j = i; j < n; j++) {
      const oj = j * m;
      let sum = 0;
      for (let k = 0; k < m; k++) sum += data[oi + k] * data[oj + k];
      g[i * n + j] = sum;
      g[j * n + i] = sum;
    }
  }
  return g;
}

/**
 * Smallest ratio λ_k/λ₁ for which {@link topSingularValues} trusts the Gram path; below it the
 * relative error bound ≈ ε(λ₁/λ_k)² would exceed ≈ 2e-10 (measured: ≈ 4e-11) and the direct
 * path is used instead.
 *
 * @example The implied worst-case relative error of the Gram path
 * ```ts
 * import { GRAM_PATH_MIN_RATIO } from "./svd.ts";
 * const bound = Number.EPSILON / GRAM_PATH_MIN_RATIO ** 2;
 * console.assert(bound < 3e-10);
 * ```
 */
export const GRAM_PATH_MIN_RATIO = 1e-3;

/**
 * The k largest singular values, descending (0 ≤ k ≤ min(N, M)). Fast path: eigenvalues of the
 * smaller Gram matrix (WᵀW or WWᵀ), square-rooted with clamping at 0; a value λᵢ found this way has
 * relative error ≈ ε(λ₁/λᵢ)², so when λ_k < {@link GRAM_PATH_MIN_RATIO}·λ₁ the result is recomputed
 * with {@link singularValues} (direct, absolute error ≈ ε·λ₁). Measured against
 * {@link singularValues} for k = 20 (N(0, 0.01²) bulk, with and without twelve spikes up to 40):
 * ≤ 2.2e-12 relative; time 210–250 ms vs 365–380 ms on 784×500, 2–3 ms vs 9 ms on 784×64,
 * 700 ms vs 1.2–1.3 s on 784×1200 (best of 3, shared 2-core machine). The whole spectrum is still
 * computed: exact partial methods cannot skip the O(NM·L) reduction, and iterative ones converge
 * slowly inside a Marčenko–Pastur bulk, where the top values at initialization lie.
 *
 * @example Top two values
 * ```ts
 * import { matrix } from "./matrix.ts";
 * import { topSingularValues } from "./svd.ts";
 * const top = topSingularValues(matrix(3, 3, [3, 0, 0, 0, 1, 0, 0, 0, 2]), 2);
 * console.assert(top.length === 2 && Math.abs(top[0] - 3) < 1e-14 && Math.abs(top[1] - 2) < 1e-14);
 * ```
 */
export function topSingularValues(w: Matrix64, k: number): Float64Array {
  const l = Math.min(w.rows, w.cols);
  if (!Number.isInteger(k) || k < 0 || k > l) {
    throw new RangeError(
      `Cannot take the top singular values as k must be an integer in [0, ${l}]: current value is ${k}`,
    );
  }
  checkFinite("compute singular values", w);
  if (k === 0) return new Float64Array(0);
  const squares = symmetricEigenvalues(matrix(l, l, smallGram(w))).reverse();
  const top = new Float64Array(k);
  for (let i = 0; i < k; i++) top[i] = Math.sqrt(Math.max(squares[i], 0));
  if (top[k - 1] < GRAM_PATH_MIN_RATIO * top[0]) return singularValues(w).slice(0, k);
  return top;
}
