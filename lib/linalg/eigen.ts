/**
 * Eigenvalues of real symmetric matrices in Float64 (values only): Householder tridiagonalization
 * followed by the implicit QL iteration.
 *
 * @module
 */

import { type Matrix64, norm2 } from "./matrix.ts";

/**
 * √(a² + b²) without destructive overflow or underflow (the JAMA/ml-matrix formulation).
 *
 * @example No overflow for huge arguments
 * ```ts
 * import { hypotenuse } from "./eigen.ts";
 * console.assert(hypotenuse(3e300, 4e300) === 5e300);
 * ```
 */
export function hypotenuse(a: number, b: number): number {
  const fa = Math.abs(a), fb = Math.abs(b);
  if (fa > fb) {
    const r = b / a;
    return fa * Math.sqrt(1 + r * r);
  }
  if (b !== 0) {
    const r = a / b;
    return fb * Math.sqrt(1 + r * r);
  }
  return 0;
}

/**
 * Eigenvalues (unsorted) of the symmetric n×n matrix `a` (row-major, overwritten): Householder
 * reduction to tridiagonal form, then the implicit QL iteration with Wilkinson-type shifts
 * (Numerical Recipes' tqli), values only.
 */
function tridiagonalQl(a: Float64Array, n: number): Float64Array {
  const d = new Float64Array(n), e = new Float64Array(n);
  const v = new Float64Array(n), q = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    const row = k * n;
    d[k] = a[row + k];
    let alpha = norm2(a, row + k + 1, row + n);
    if (alpha === 0) continue; // already tridiagonal in this column: e[k] = 0
    if (a[row + k + 1] > 0) alpha = -alpha;
    let vtv = 0;
    for (let i = k + 1; i < n; i++) v[i] = a[row + i];
    v[k + 1] -= alpha;
    for (let i = k + 1; i < n; i++) vtv += v[i] * v[i];
    const beta = 2 / vtv;
    // q = βAv − (β²vᵀAv/2)v, then A ← A − vqᵀ − qvᵀ on the trailing block.
    for (let i = k + 1; i < n; i++) {
      const ri = i * n;
      let sum = 0;
      for (let j = k + 1; j < n; j++) sum += a[ri + j] * v[j];
      q[i] = beta * sum;
    }
    let vq = 0;
    for (let i = k + 1; i < n; i++) vq += v[i] * q[i];
    const c = beta * vq / 2;
    for (let i = k + 1; i < n; i++) q[i] -= c * v[i];
    for (let i = k + 1; i < n; i++) {
      const ri = i * n, vi = v[i], qi = q[i];
      for (let j = k + 1; j < n; j++) a[ri + j] -= vi * q[j] + qi * v[j];
    }
    e[k] = alpha;
  }
  if (n >= 2) {
    d[n - 2] = a[(n - 2) * n + n - 2];
    e[n - 2] = a[(n - 2) * n + n - 1];
  }
  if (n >= 1) d[n - 1] = a[(n - 1) * n + n - 1];
  // e[i] couples d[i] and d[i + 1]; e[n − 1] = 0.
  for (let l = 0; l < n; l++) {
    let iterations = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        if (Math.abs(e[m]) <= Number.EPSILON * (Math.abs(d[m]) + Math.abs(d[m + 1]))) break;
      }
      if (m === l) break;
      if (++iterations > 60) {
        throw new Error(
          `Cannot compute eigenvalues as the tridiagonal QL iteration did not converge: current value is ${iterations} iterations at index ${l}`,
        );
      }
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = hypotenuse(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1, c = 1, p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        const f = s * e[i], b = c * e[i];
        r = hypotenuse(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] -= p;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
      }
      if (r === 0 && i >= l) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
  return d;
}

/**
 * All eigenvalues of a real symmetric n×n matrix, ascending. Only the upper triangle is read (the
 * matrix is symmetrized from it); absolute error ≈ ε·‖A‖₂ per eigenvalue.
 *
 * @example Eigenvalues of the 2×2 saddle Hessian [[0, −λ], [−λ, 0]]
 * ```ts
 * import { symmetricEigenvalues } from "./eigen.ts";
 * import { matrix } from "./matrix.ts";
 * const ev = symmetricEigenvalues(matrix(2, 2, [0, -3, -3, 0]));
 * console.assert(Math.abs(ev[0] + 3) < 1e-15 && Math.abs(ev[1] - 3) < 1e-15);
 * ```
 */
export function symmetricEigenvalues(a: Matrix64): Float64Array {
  const n = a.rows;
  if (a.cols !== n) {
    throw new RangeError(
      `Cannot compute symmetric eigenvalues as the matrix must be square: current value is [${a.rows}, ${a.cols}]`,
    );
  }
  const work = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const x = a.data[i * n + j];
      if (!Number.isFinite(x)) {
        throw new RangeError(
          `Cannot compute symmetric eigenvalues as every entry must be finite: current value is ${x} at (${i}, ${j})`,
        );
      }
      work[i * n + j] = x;
      work[j * n + i] = x;
    }
  }
  return tridiagonalQl(work, n).sort();
}
