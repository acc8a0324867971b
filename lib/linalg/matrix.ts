/**
 * Dense Float64 matrices, row-major. The common currency of every analysis module (tfjs has no
 * float64, so anything summed over many terms is computed here).
 *
 * @module
 */

/** A dense row-major Float64 matrix of shape [rows, cols]: entry (i, j) is `data[i * cols + j]`. */
export interface Matrix64 {
  readonly rows: number;
  readonly cols: number;
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
      `Cannot create a ${rows}×${cols} matrix as the data length must be ${rows * cols}: current value is ${values.length}`,
    );
  }
  return { rows, cols, data: values };
}
