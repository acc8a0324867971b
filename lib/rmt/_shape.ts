/**
 * Private helpers shared by lib/rmt: the matrix shape type and its validation.
 *
 * @module
 */

/** Shape of a matrix W: numRows × numCols (N × M). */
export interface MatrixShape {
  /** N, the number of rows (visible units for an RBM weight matrix). */
  readonly numRows: number;
  /** M, the number of columns (hidden units for an RBM weight matrix). */
  readonly numCols: number;
}

/**
 * Validates a shape and returns [n, m] = [max(N, M), min(N, M)].
 *
 * @example A wide matrix
 * ```ts
 * import { checkShape } from "./_shape.ts";
 * const [n, m] = checkShape({ numRows: 784, numCols: 1200 }, "test");
 * console.assert(n === 1200 && m === 784);
 * ```
 */
export function checkShape(shape: MatrixShape, what: string): [number, number] {
  const { numRows, numCols } = shape;
  if (!Number.isInteger(numRows) || numRows < 1 || !Number.isInteger(numCols) || numCols < 1) {
    throw new RangeError(
      `Cannot ${what} as the shape must be positive integers: current value is [${numRows}, ${numCols}]`,
    );
  }
  return [Math.max(numRows, numCols), Math.min(numRows, numCols)];
}
