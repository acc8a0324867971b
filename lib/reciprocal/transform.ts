/**
 * The reciprocal-space transform of a binary RBM (SCIENCE.md §2): with the full SVD W = UΣVᵀ,
 * x = Uᵀv, y = Vᵀh, a₀ = Uᵀa, b₀ = Vᵀb, and exactly
 * E = −Σᵢ a₀ᵢxᵢ − Σⱼ b₀ⱼyⱼ − Σ_{i≤L} λᵢxᵢyᵢ. A pure rotation (Jacobian 1). Float64 throughout.
 *
 * @module
 */

import { type Matrix64, multiplyVector, svd, transposeMultiplyVector } from "../linalg/mod.ts";

export { energy, type RbmParams64 } from "../rbm/energy64.ts";
import type { RbmParams64 } from "../rbm/energy64.ts";

/**
 * An RBM in reciprocal space: the full sign-fixed SVD of W (see lib/linalg/svd.ts for the sign
 * convention) and the rotated biases.
 */
export interface Reciprocal {
  /** Left singular vectors as columns, shape [N, N]; column i is mode i of the visible side. */
  readonly u: Matrix64;
  /** Right singular vectors as columns, shape [M, M]; column i is mode i of the hidden side. */
  readonly v: Matrix64;
  /** λ₁ ≥ … ≥ λ_L ≥ 0, L = min(N, M). */
  readonly singularValues: Float64Array;
  /** a₀ = Uᵀa, length N. */
  readonly visibleBias0: Float64Array;
  /** b₀ = Vᵀb, length M. */
  readonly hiddenBias0: Float64Array;
}

/** Throws unless the parameter shapes are consistent and every bias is finite (W: in svd). */
function checkParams(params: RbmParams64): void {
  const { weights, visibleBias, hiddenBias } = params;
  if (visibleBias.length !== weights.rows || hiddenBias.length !== weights.cols) {
    throw new RangeError(
      `Cannot use RBM parameters as the bias lengths must match W's shape [${weights.rows}, ${weights.cols}]: current value is [${visibleBias.length}, ${hiddenBias.length}]`,
    );
  }
  for (const [name, values] of [["a", visibleBias], ["b", hiddenBias]] as const) {
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) {
        throw new RangeError(
          `Cannot use RBM parameters as every bias must be finite: current value is ${name}[${i}] = ${
            values[i]
          }`,
        );
      }
    }
  }
}

function checkLength(what: string, values: ArrayLike<number>, length: number): void {
  if (values.length !== length) {
    throw new RangeError(
      `Cannot ${what} as the vector length must be ${length}: current value is ${values.length}`,
    );
  }
}

/**
 * Transforms RBM parameters to reciprocal space: full SVD of W, a₀ = Uᵀa and b₀ = Vᵀb.
 *
 * @example A 3×2 RBM in reciprocal space
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import { toReciprocal } from "./transform.ts";
 * const r = toReciprocal({
 *   weights: matrix(3, 2, [1, 0, 0, 2, 0, 0]),
 *   visibleBias: new Float64Array([0.1, 0.2, 0.3]),
 *   hiddenBias: new Float64Array([-1, 1]),
 * });
 * console.assert(r.u.rows === 3 && r.v.rows === 2 && r.singularValues[0] === 2);
 * console.assert(r.visibleBias0.length === 3 && r.hiddenBias0.length === 2);
 * ```
 */
export function toReciprocal(params: RbmParams64): Reciprocal {
  checkParams(params);
  const { u, singularValues, v } = svd(params.weights);
  return {
    u,
    v,
    singularValues,
    visibleBias0: transposeMultiplyVector(u, params.visibleBias),
    hiddenBias0: transposeMultiplyVector(v, params.hiddenBias),
  };
}

/**
 * Visible reciprocal coordinates x = Uᵀv (length N) of a visible state v (length N, any reals).
 *
 * @example The all-ones state projects onto the column sums
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import { toReciprocal, visibleToReciprocal } from "./transform.ts";
 * const r = toReciprocal({
 *   weights: matrix(2, 2, [2, 0, 0, 1]),
 *   visibleBias: new Float64Array(2),
 *   hiddenBias: new Float64Array(2),
 * });
 * const x = visibleToReciprocal(r, [1, 1]);
 * console.assert(x[0] === 1 && x[1] === 1);
 * ```
 */
export function visibleToReciprocal(r: Reciprocal, visible: ArrayLike<number>): Float64Array {
  checkLength("map a visible state to reciprocal space", visible, r.u.rows);
  return transposeMultiplyVector(r.u, visible);
}

/**
 * Hidden reciprocal coordinates y = Vᵀh (length M) of a hidden state h (length M).
 *
 * @example Project a hidden state
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import { hiddenToReciprocal, toReciprocal } from "./transform.ts";
 * const r = toReciprocal({
 *   weights: matrix(2, 2, [2, 0, 0, 1]),
 *   visibleBias: new Float64Array(2),
 *   hiddenBias: new Float64Array(2),
 * });
 * const y = hiddenToReciprocal(r, [0, 1]);
 * console.assert(y[0] === 0 && y[1] === 1);
 * ```
 */
export function hiddenToReciprocal(r: Reciprocal, hidden: ArrayLike<number>): Float64Array {
  checkLength("map a hidden state to reciprocal space", hidden, r.v.rows);
  return transposeMultiplyVector(r.v, hidden);
}

/**
 * The visible state v = Ux for reciprocal coordinates x (the inverse of {@link visibleToReciprocal});
 * used e.g. to rotate a mode by π (flip xᵢ) and map back.
 *
 * @example Round trip
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import { toReciprocal, visibleFromReciprocal, visibleToReciprocal } from "./transform.ts";
 * const r = toReciprocal({
 *   weights: matrix(2, 2, [1, 2, 3, 4]),
 *   visibleBias: new Float64Array(2),
 *   hiddenBias: new Float64Array(2),
 * });
 * const v = visibleFromReciprocal(r, visibleToReciprocal(r, [1, 0]));
 * console.assert(Math.abs(v[0] - 1) < 1e-15 && Math.abs(v[1]) < 1e-15);
 * ```
 */
export function visibleFromReciprocal(r: Reciprocal, x: ArrayLike<number>): Float64Array {
  checkLength("map reciprocal coordinates to a visible state", x, r.u.cols);
  return multiplyVector(r.u, x);
}

/**
 * The hidden state h = Vy for reciprocal coordinates y (the inverse of {@link hiddenToReciprocal}).
 *
 * @example Round trip
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import { hiddenFromReciprocal, hiddenToReciprocal, toReciprocal } from "./transform.ts";
 * const r = toReciprocal({
 *   weights: matrix(2, 3, [1, 2, 3, 4, 5, 6]),
 *   visibleBias: new Float64Array(2),
 *   hiddenBias: new Float64Array(3),
 * });
 * const h = hiddenFromReciprocal(r, hiddenToReciprocal(r, [0, 1, 1]));
 * console.assert(Math.abs(h[0]) < 1e-15 && Math.abs(h[2] - 1) < 1e-15);
 * ```
 */
export function hiddenFromReciprocal(r: Reciprocal, y: ArrayLike<number>): Float64Array {
  checkLength("map reciprocal coordinates to a hidden state", y, r.v.cols);
  return multiplyVector(r.v, y);
}

/**
 * The energy in reciprocal coordinates, E = −Σᵢ a₀ᵢxᵢ − Σⱼ b₀ⱼyⱼ − Σ_{i≤L} λᵢxᵢyᵢ, x of length N and
 * y of length M. Equal to {@link energy}(params, v, h) for x = Uᵀv, y = Vᵀh.
 *
 * @example Reciprocal energy equals the plain energy
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import {
 *   energy,
 *   hiddenToReciprocal,
 *   reciprocalEnergy,
 *   toReciprocal,
 *   visibleToReciprocal,
 * } from "./transform.ts";
 * const params = {
 *   weights: matrix(2, 2, [0.5, -1, 2, 0.3]),
 *   visibleBias: new Float64Array([0.1, -0.2]),
 *   hiddenBias: new Float64Array([0.4, 0]),
 * };
 * const r = toReciprocal(params);
 * const v = [1, 1], h = [1, 0];
 * const e = reciprocalEnergy(r, visibleToReciprocal(r, v), hiddenToReciprocal(r, h));
 * console.assert(Math.abs(e - energy(params, v, h)) < 1e-12);
 * ```
 */
export function reciprocalEnergy(
  r: Reciprocal,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): number {
  checkLength("compute the reciprocal energy", x, r.u.cols);
  checkLength("compute the reciprocal energy", y, r.v.cols);
  let e = 0;
  for (let i = 0; i < x.length; i++) e -= r.visibleBias0[i] * x[i];
  for (let j = 0; j < y.length; j++) e -= r.hiddenBias0[j] * y[j];
  const s = r.singularValues;
  for (let i = 0; i < s.length; i++) e -= s[i] * x[i] * y[i];
  return e;
}
