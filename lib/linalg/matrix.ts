/**
 * Dense Float64 matrices, row-major. The common currency of every analysis module (tfjs has no
 * float64, so anything summed over many terms is computed here).
 *
 * @module
 */

/** A dense row-major Float64 matrix of shape [rows, cols]: entry (i, j) is `data[i * cols + j]`. */
export interface Matrix64 {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** The rows·cols entries, row by row. */
  readonly data: Float64Array;
}

/**
 * Creates a rows×cols matrix, zero-filled or wrapping (not copying) the given data.
 *
 * @example Make a 2×3 matrix
 * ```ts
 * import { matrix } from "./matrix.ts";
 * const m = matrix(2, 3, new Float64Array([1, 2, 3, 4, 5, 6]));
 * console.assert(m.data[1 * 3 + 2] === 6);
 * ```
 */
export function matrix(rows: number, cols: number, data?: Float64Array | number[]): Matrix64 {
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
    throw new RangeError(
      `Cannot create matrix as the shape must be non-negative integers: current value is [${rows}, ${cols}]`,
    );
  }
  const values = data === undefined
    ? new Float64Array(rows * cols)
    : data instanceof Float64Array
    ? data
    : Float64Array.from(data);
  if (values.length !== rows * cols) {
    throw new RangeError(
      `Cannot create a ${rows}×${cols} matrix as the data length must be ${
        rows * cols
      }: current value is ${values.length}`,
    );
  }
  return { rows, cols, data: values };
}

/**
 * The n×n identity matrix.
 *
 * @example Make a 3×3 identity
 * ```ts
 * import { identity } from "./matrix.ts";
 * const i3 = identity(3);
 * console.assert(i3.data[4] === 1 && i3.data[1] === 0);
 * ```
 */
export function identity(n: number): Matrix64 {
  const out = matrix(n, n);
  for (let i = 0; i < n; i++) out.data[i * n + i] = 1;
  return out;
}

/**
 * A deep copy (fresh data buffer) of a matrix.
 *
 * @example Copies do not share data
 * ```ts
 * import { clone, matrix } from "./matrix.ts";
 * const a = matrix(1, 2, [1, 2]);
 * const b = clone(a);
 * b.data[0] = 9;
 * console.assert(a.data[0] === 1);
 * ```
 */
export function clone(a: Matrix64): Matrix64 {
  return matrix(a.rows, a.cols, a.data.slice());
}

/**
 * The transpose Aᵀ, shape [cols, rows] of A (a new matrix).
 *
 * @example Transpose a 2×3 matrix
 * ```ts
 * import { matrix, transpose } from "./matrix.ts";
 * const t = transpose(matrix(2, 3, [1, 2, 3, 4, 5, 6]));
 * console.assert(t.rows === 3 && t.cols === 2 && t.data[1] === 4);
 * ```
 */
export function transpose(a: Matrix64): Matrix64 {
  const { rows, cols, data } = a;
  const out = new Float64Array(rows * cols);
  const block = 32;
  for (let i0 = 0; i0 < rows; i0 += block) {
    const i1 = Math.min(rows, i0 + block);
    for (let j0 = 0; j0 < cols; j0 += block) {
      const j1 = Math.min(cols, j0 + block);
      for (let i = i0; i < i1; i++) {
        for (let j = j0; j < j1; j++) out[j * rows + i] = data[i * cols + j];
      }
    }
  }
  return matrix(cols, rows, out);
}

function checkProduct(what: string, aShape: string, bShape: string, ok: boolean): void {
  if (!ok) {
    throw new RangeError(
      `Cannot ${what} as the inner dimensions must agree: current value is ${aShape} and ${bShape}`,
    );
  }
}

/**
 * The product AB, A of shape [n, k] and B of shape [k, m] (result [n, m]).
 *
 * @example Multiply a 2×2 by a 2×1
 * ```ts
 * import { matrix, multiply } from "./matrix.ts";
 * const c = multiply(matrix(2, 2, [1, 2, 3, 4]), matrix(2, 1, [1, 1]));
 * console.assert(c.data[0] === 3 && c.data[1] === 7);
 * ```
 */
export function multiply(a: Matrix64, b: Matrix64): Matrix64 {
  checkProduct(
    "multiply matrices",
    `[${a.rows}, ${a.cols}]`,
    `[${b.rows}, ${b.cols}]`,
    a.cols === b.rows,
  );
  const n = a.rows, k = a.cols, m = b.cols;
  const ad = a.data, bd = b.data;
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let p = 0; p < k; p++) {
      const aip = ad[i * k + p];
      if (aip === 0) continue;
      const bRow = p * m;
      for (let j = 0; j < m; j++) out[row + j] += aip * bd[bRow + j];
    }
  }
  return matrix(n, m, out);
}

/**
 * The product AᵀB without forming Aᵀ, A of shape [k, n] and B of shape [k, m] (result [n, m]).
 *
 * @example Gram matrix of a 2×2
 * ```ts
 * import { matrix, transposeMultiply } from "./matrix.ts";
 * const a = matrix(2, 2, [1, 2, 3, 4]);
 * const g = transposeMultiply(a, a);
 * console.assert(g.data[0] === 10 && g.data[1] === 14 && g.data[3] === 20);
 * ```
 */
export function transposeMultiply(a: Matrix64, b: Matrix64): Matrix64 {
  checkProduct(
    "multiply Aᵀ by B",
    `[${a.rows}, ${a.cols}]`,
    `[${b.rows}, ${b.cols}]`,
    a.rows === b.rows,
  );
  const k = a.rows, n = a.cols, m = b.cols;
  const ad = a.data, bd = b.data;
  const out = new Float64Array(n * m);
  for (let p = 0; p < k; p++) {
    const aRow = p * n, bRow = p * m;
    for (let i = 0; i < n; i++) {
      const api = ad[aRow + i];
      if (api === 0) continue;
      const row = i * m;
      for (let j = 0; j < m; j++) out[row + j] += api * bd[bRow + j];
    }
  }
  return matrix(n, m, out);
}

/**
 * The matrix–vector product Ax, A of shape [n, m] and x of length m (result length n).
 *
 * @example Multiply by a vector
 * ```ts
 * import { matrix, multiplyVector } from "./matrix.ts";
 * const y = multiplyVector(matrix(2, 2, [1, 2, 3, 4]), new Float64Array([1, 1]));
 * console.assert(y[0] === 3 && y[1] === 7);
 * ```
 */
export function multiplyVector(a: Matrix64, x: ArrayLike<number>): Float64Array {
  checkProduct(
    "multiply a matrix by a vector",
    `[${a.rows}, ${a.cols}]`,
    `[${x.length}]`,
    a.cols === x.length,
  );
  const { rows, cols, data } = a;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    const row = i * cols;
    for (let j = 0; j < cols; j++) s += data[row + j] * x[j];
    out[i] = s;
  }
  return out;
}

/**
 * The product Aᵀx without forming Aᵀ, A of shape [n, m] and x of length n (result length m).
 *
 * @example Project onto columns
 * ```ts
 * import { matrix, transposeMultiplyVector } from "./matrix.ts";
 * const y = transposeMultiplyVector(matrix(2, 2, [1, 2, 3, 4]), new Float64Array([1, 1]));
 * console.assert(y[0] === 4 && y[1] === 6);
 * ```
 */
export function transposeMultiplyVector(a: Matrix64, x: ArrayLike<number>): Float64Array {
  checkProduct(
    "multiply a transposed matrix by a vector",
    `[${a.rows}, ${a.cols}]`,
    `[${x.length}]`,
    a.rows === x.length,
  );
  const { rows, cols, data } = a;
  const out = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const row = i * cols;
    for (let j = 0; j < cols; j++) out[j] += xi * data[row + j];
  }
  return out;
}

/**
 * Column j of A as a new vector of length rows.
 *
 * @example Read a column
 * ```ts
 * import { column, matrix } from "./matrix.ts";
 * const c = column(matrix(2, 2, [1, 2, 3, 4]), 1);
 * console.assert(c[0] === 2 && c[1] === 4);
 * ```
 */
export function column(a: Matrix64, j: number): Float64Array {
  if (!Number.isInteger(j) || j < 0 || j >= a.cols) {
    throw new RangeError(
      `Cannot read column as the index must be an integer in [0, ${a.cols}): current value is ${j}`,
    );
  }
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) out[i] = a.data[i * a.cols + j];
  return out;
}

/**
 * The largest absolute entrywise difference max |Aᵢⱼ − Bᵢⱼ| of two same-shape matrices.
 *
 * @example Compare two matrices
 * ```ts
 * import { matrix, maxAbsDifference } from "./matrix.ts";
 * const d = maxAbsDifference(matrix(1, 2, [1, 2]), matrix(1, 2, [1, 2.5]));
 * console.assert(d === 0.5);
 * ```
 */
export function maxAbsDifference(a: Matrix64, b: Matrix64): number {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new RangeError(
      `Cannot compare matrices as their shapes must agree: current value is [${a.rows}, ${a.cols}] and [${b.rows}, ${b.cols}]`,
    );
  }
  let d = 0;
  for (let i = 0; i < a.data.length; i++) d = Math.max(d, Math.abs(a.data[i] - b.data[i]));
  return d;
}

/**
 * The Frobenius norm √(Σᵢⱼ Aᵢⱼ²), scaled to avoid overflow.
 *
 * @example Norm of a 3-4 vector
 * ```ts
 * import { frobeniusNorm, matrix } from "./matrix.ts";
 * console.assert(frobeniusNorm(matrix(1, 2, [3, 4])) === 5);
 * ```
 */
export function frobeniusNorm(a: Matrix64): number {
  return norm2(a.data, 0, a.data.length);
}

/**
 * The Euclidean norm of x[from..to), scaled by max |xᵢ| so that it neither overflows nor underflows.
 *
 * @example Norm of a huge vector
 * ```ts
 * import { norm2 } from "./matrix.ts";
 * console.assert(Math.abs(norm2([3e200, 4e200]) / 5e200 - 1) < 1e-15);
 * ```
 */
export function norm2(x: ArrayLike<number>, from = 0, to = x.length): number {
  let scale = 0;
  for (let i = from; i < to; i++) scale = Math.max(scale, Math.abs(x[i]));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let sum = 0;
  for (let i = from; i < to; i++) {
    const r = x[i] / scale;
    sum += r * r;
  }
  return scale * Math.sqrt(sum);
}
