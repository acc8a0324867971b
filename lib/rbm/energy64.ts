/**
 * Float64 energies of a binary {0,1} RBM (SCIENCE.md §1), for analysis and for the exact oracle:
 *
 * - E(v, h) = −aᵀv − bᵀh − vᵀWh
 * - F(v) = −aᵀv − Σⱼ softplus(bⱼ + (Wᵀv)ⱼ), so that p(v) = e^(−F(v)) / Z
 * - F(h) = −bᵀh − Σᵢ softplus(aᵢ + (Wh)ᵢ), so that p(h) = e^(−F(h)) / Z
 *
 * Shapes: W is numVisible×numHidden (row-major, entry (i, j) couples vᵢ and hⱼ), a has length
 * numVisible, b has length numHidden. States are Float64Array or Uint8Array; the formulas are
 * bilinear, so they are also evaluated as written for real-valued vectors (e.g. magnetizations).
 *
 * @module
 */

import { matrix, type Matrix64 } from "../linalg/matrix.ts";
import { softplus } from "../numerics/stable.ts";
import type { Rng } from "../random/mod.ts";

/** Parameters of a binary RBM in Float64. */
export interface RbmParams64 {
  /** W, shape numVisible×numHidden (row-major): entry (i, j) couples visible i and hidden j. */
  readonly weights: Matrix64;
  /** a, length numVisible. */
  readonly visibleBias: Float64Array;
  /** b, length numHidden. */
  readonly hiddenBias: Float64Array;
}

/** A visible or hidden state: entries 0/1 (any real values are evaluated by the same formulas). */
export type State64 = ArrayLike<number>;

/**
 * Checks that the parameter shapes agree: weights.data has rows·cols entries, visibleBias has
 * length weights.rows, hiddenBias has length weights.cols. Values are not inspected.
 *
 * @param p The parameters to check.
 * @param name How to call them in the error message (default "p").
 * @throws {RangeError} naming the inconsistent field.
 *
 * @example Catching a bias of the wrong length
 * ```ts
 * import { assertParams64 } from "./energy64.ts";
 * import { matrix } from "../linalg/matrix.ts";
 * const p = { weights: matrix(3, 2), visibleBias: new Float64Array(3), hiddenBias: new Float64Array(5) };
 * let message = "";
 * try {
 *   assertParams64(p);
 * } catch (e) {
 *   message = (e as Error).message;
 * }
 * console.assert(message.includes("p.hiddenBias"));
 * ```
 */
export function assertParams64(p: RbmParams64, name = "p"): void {
  const w = p.weights;
  if (
    !Number.isInteger(w.rows) || w.rows < 1 || !Number.isInteger(w.cols) || w.cols < 1
  ) {
    throw new RangeError(
      `Cannot use ${name} as ${name}.weights must have a positive integer shape: current value is [${w.rows}, ${w.cols}]`,
    );
  }
  if (w.data.length !== w.rows * w.cols) {
    throw new RangeError(
      `Cannot use ${name} as ${name}.weights.data must hold rows·cols = ${
        w.rows * w.cols
      } entries: current value is ${w.data.length}`,
    );
  }
  if (p.visibleBias.length !== w.rows) {
    throw new RangeError(
      `Cannot use ${name} as ${name}.visibleBias must have length numVisible = ${w.rows}: current value is ${p.visibleBias.length}`,
    );
  }
  if (p.hiddenBias.length !== w.cols) {
    throw new RangeError(
      `Cannot use ${name} as ${name}.hiddenBias must have length numHidden = ${w.cols}: current value is ${p.hiddenBias.length}`,
    );
  }
}

function assertLength(what: string, name: string, state: State64, expected: number, layer: string) {
  if (state.length !== expected) {
    throw new RangeError(
      `Cannot compute ${what} as ${name} must have length ${layer} = ${expected}: current value is ${state.length}`,
    );
  }
}

/**
 * The joint energy E(v, h) = −aᵀv − bᵀh − vᵀWh.
 *
 * @param p Parameters (W numVisible×numHidden).
 * @param v Visible state, length numVisible.
 * @param h Hidden state, length numHidden.
 * @returns E(v, h).
 * @throws {RangeError} if a shape does not match.
 *
 * @example Energy of a 2×1 RBM
 * ```ts
 * import { energy } from "./energy64.ts";
 * import { matrix } from "../linalg/matrix.ts";
 * const p = {
 *   weights: matrix(2, 1, [0.5, -1]),
 *   visibleBias: new Float64Array([0.25, 0]),
 *   hiddenBias: new Float64Array([2]),
 * };
 * // −(0.25) − (2) − (0.5) = −2.75
 * console.assert(energy(p, new Uint8Array([1, 0]), new Uint8Array([1])) === -2.75);
 * ```
 */
export function energy(p: RbmParams64, v: State64, h: State64): number {
  assertParams64(p);
  const { rows: numVisible, cols: numHidden, data: w } = p.weights;
  assertLength("the energy", "v", v, numVisible, "numVisible");
  assertLength("the energy", "h", h, numHidden, "numHidden");
  let e = 0;
  for (let j = 0; j < numHidden; j++) e -= p.hiddenBias[j] * h[j];
  for (let i = 0; i < numVisible; i++) {
    const vi = v[i];
    if (vi === 0) continue;
    let coupling = p.visibleBias[i];
    const row = i * numHidden;
    for (let j = 0; j < numHidden; j++) coupling += w[row + j] * h[j];
    e -= vi * coupling;
  }
  return e;
}

/**
 * The free energy of a visible state, with the hidden layer summed out:
 * F(v) = −aᵀv − Σⱼ softplus(bⱼ + (Wᵀv)ⱼ), so ln p(v) = −F(v) − ln Z.
 *
 * @param p Parameters (W numVisible×numHidden).
 * @param v Visible state, length numVisible.
 * @returns F(v).
 * @throws {RangeError} if a shape does not match.
 *
 * @example A zero-parameter RBM: F(v) = −numHidden·ln 2 for every v
 * ```ts
 * import { freeEnergy } from "./energy64.ts";
 * import { matrix } from "../linalg/matrix.ts";
 * const p = { weights: matrix(3, 2), visibleBias: new Float64Array(3), hiddenBias: new Float64Array(2) };
 * console.assert(Math.abs(freeEnergy(p, new Uint8Array([1, 0, 1])) + 2 * Math.LN2) < 1e-15);
 * ```
 */
export function freeEnergy(p: RbmParams64, v: State64): number {
  assertParams64(p);
  const { rows: numVisible, cols: numHidden, data: w } = p.weights;
  assertLength("the visible free energy", "v", v, numVisible, "numVisible");
  const field = Float64Array.from(p.hiddenBias);
  let f = 0;
  for (let i = 0; i < numVisible; i++) {
    const vi = v[i];
    if (vi === 0) continue;
    f -= p.visibleBias[i] * vi;
    const row = i * numHidden;
    for (let j = 0; j < numHidden; j++) field[j] += w[row + j] * vi;
  }
  for (let j = 0; j < numHidden; j++) f -= softplus(field[j]);
  return f;
}

/**
 * The free energy of a hidden state, with the visible layer summed out:
 * F(h) = −bᵀh − Σᵢ softplus(aᵢ + (Wh)ᵢ), so ln p(h) = −F(h) − ln Z.
 *
 * @param p Parameters (W numVisible×numHidden).
 * @param h Hidden state, length numHidden.
 * @returns F(h).
 * @throws {RangeError} if a shape does not match.
 *
 * @example A zero-parameter RBM: F(h) = −numVisible·ln 2 for every h
 * ```ts
 * import { hiddenFreeEnergy } from "./energy64.ts";
 * import { matrix } from "../linalg/matrix.ts";
 * const p = { weights: matrix(3, 2), visibleBias: new Float64Array(3), hiddenBias: new Float64Array(2) };
 * console.assert(Math.abs(hiddenFreeEnergy(p, new Uint8Array([0, 1])) + 3 * Math.LN2) < 1e-15);
 * ```
 */
export function hiddenFreeEnergy(p: RbmParams64, h: State64): number {
  assertParams64(p);
  const { rows: numVisible, cols: numHidden, data: w } = p.weights;
  assertLength("the hidden free energy", "h", h, numHidden, "numHidden");
  let f = 0;
  for (let j = 0; j < numHidden; j++) f -= p.hiddenBias[j] * h[j];
  for (let i = 0; i < numVisible; i++) {
    let field = p.visibleBias[i];
    const row = i * numHidden;
    for (let j = 0; j < numHidden; j++) field += w[row + j] * h[j];
    f -= softplus(field);
  }
  return f;
}

/**
 * Random Float64 parameters with W, a and b all iid Normal(0, scale²) (the theory-check
 * initialization of SCIENCE.md §4, σ = 0.01 there). Draw order: W row-major, then a, then b, so
 * the result depends only on the sizes, the scale and the generator's state.
 *
 * @param numVisible N ≥ 1.
 * @param numHidden M ≥ 1.
 * @param scale Standard deviation σ ≥ 0 (finite).
 * @param rng The generator to draw from (advanced by N·M + N + M normals).
 * @returns Fresh parameters.
 * @throws {RangeError} for a non-positive or non-integer size or an invalid scale.
 *
 * @example A seeded 6×4 model
 * ```ts
 * import { randomParams64 } from "./energy64.ts";
 * import { Rng } from "../random/mod.ts";
 * const p = randomParams64(6, 4, 0.01, new Rng(1));
 * const q = randomParams64(6, 4, 0.01, new Rng(1));
 * console.assert(p.weights.rows === 6 && p.weights.cols === 4 && p.hiddenBias.length === 4);
 * console.assert(p.weights.data.every((x, k) => x === q.weights.data[k]));
 * ```
 */
export function randomParams64(
  numVisible: number,
  numHidden: number,
  scale: number,
  rng: Rng,
): RbmParams64 {
  if (!Number.isInteger(numVisible) || numVisible < 1) {
    throw new RangeError(
      `Cannot create RBM parameters as numVisible must be a positive integer: current value is ${numVisible}`,
    );
  }
  if (!Number.isInteger(numHidden) || numHidden < 1) {
    throw new RangeError(
      `Cannot create RBM parameters as numHidden must be a positive integer: current value is ${numHidden}`,
    );
  }
  if (!Number.isFinite(scale) || scale < 0) {
    throw new RangeError(
      `Cannot create RBM parameters as scale must be finite and non-negative: current value is ${scale}`,
    );
  }
  const weights = matrix(numVisible, numHidden);
  for (let k = 0; k < weights.data.length; k++) weights.data[k] = scale * rng.nextNormal();
  const visibleBias = new Float64Array(numVisible);
  for (let i = 0; i < numVisible; i++) visibleBias[i] = scale * rng.nextNormal();
  const hiddenBias = new Float64Array(numHidden);
  for (let j = 0; j < numHidden; j++) hiddenBias[j] = scale * rng.nextNormal();
  return { weights, visibleBias, hiddenBias };
}
