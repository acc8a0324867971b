/**
 * RBM parameters as host arrays (Float32, what tfjs trains and checkpoints store) and the two
 * initializations of SCIENCE.md §4 and §10.
 *
 * @module
 */

import { matrix } from "../linalg/matrix.ts";
import type { Rng } from "../random/mod.ts";
import type { RbmParams64 } from "./energy64.ts";

/**
 * Parameters of a binary RBM with E(v,h) = −aᵀv − bᵀh − vᵀWh.
 * `weights` is W, row-major with shape [numVisible, numHidden]; `visibleBias` a (numVisible);
 * `hiddenBias` b (numHidden).
 */
export interface RbmParameters {
  /** N, the number of visible units (784 for MNIST). */
  readonly numVisible: number;
  /** M, the number of hidden units. */
  readonly numHidden: number;
  /** W, row-major [numVisible, numHidden]: entry (i, j) is `weights[i * numHidden + j]`. */
  readonly weights: Float32Array;
  /** a, the visible biases, length numVisible. */
  readonly visibleBias: Float32Array;
  /** b, the hidden biases, length numHidden. */
  readonly hiddenBias: Float32Array;
}

/** The two initializations: the theory one (`gaussian`) and the paper's trained models (`data`). */
export type InitKind = "gaussian" | "data";

/** Default σ of the `gaussian` init (SCIENCE.md §4). */
export const THEORY_INIT_SIGMA = 0.01;

/** Throws unless `value` is a positive integer; `name` appears in the message. */
export function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(
      `Cannot use ${name} as it must be a positive integer: current value is ${value}`,
    );
  }
}

/**
 * Zero parameters of the given shape.
 *
 * @example A zero 784×64 model
 * ```ts
 * import { zeroParameters } from "./params.ts";
 * const p = zeroParameters(784, 64);
 * console.assert(p.weights.length === 784 * 64);
 * ```
 */
export function zeroParameters(numVisible: number, numHidden: number): RbmParameters {
  assertPositiveInteger("numVisible", numVisible);
  assertPositiveInteger("numHidden", numHidden);
  return {
    numVisible,
    numHidden,
    weights: new Float32Array(numVisible * numHidden),
    visibleBias: new Float32Array(numVisible),
    hiddenBias: new Float32Array(numHidden),
  };
}

/**
 * The theory init: W, a, b iid N(0, σ²) (SCIENCE.md §4; σ = 0.01 by default).
 *
 * @example A seeded 784×64 Gaussian init
 * ```ts
 * import { gaussianInit } from "./params.ts";
 * import { Rng } from "../random/mod.ts";
 * const p = gaussianInit(784, 64, new Rng(1));
 * console.assert(Math.abs(p.weights[0]) < 0.1);
 * ```
 */
export function gaussianInit(
  numVisible: number,
  numHidden: number,
  rng: Rng,
  sigma = THEORY_INIT_SIGMA,
): RbmParameters {
  if (!(sigma >= 0) || !Number.isFinite(sigma)) {
    throw new RangeError(
      `Cannot initialize as sigma must be finite and ≥ 0: current value is ${sigma}`,
    );
  }
  const p = zeroParameters(numVisible, numHidden);
  rng.fillNormal(p.weights, sigma);
  rng.fillNormal(p.visibleBias, sigma);
  rng.fillNormal(p.hiddenBias, sigma);
  return p;
}

/**
 * The init of the paper's trained models (SCIENCE.md §10): aᵢ = logit(clamp(mean pixel, 1e-6, 1−1e-6)),
 * b = 0, W ~ N(0,1)·0.1/√(⟨|v|²⟩ + 1e-6) with ⟨|v|²⟩ the mean number of active pixels per image.
 *
 * @example Two pixels, three hidden units
 * ```ts
 * import { dataInit } from "./params.ts";
 * import { Rng } from "../random/mod.ts";
 * const p = dataInit(new Float64Array([0.5, 0.1]), 0.6, 3, new Rng(1));
 * console.assert(p.visibleBias[0] === 0 && p.hiddenBias[2] === 0);
 * ```
 */
export function dataInit(
  meanPixels: Float64Array,
  meanActivePixels: number,
  numHidden: number,
  rng: Rng,
): RbmParameters {
  if (!(meanActivePixels >= 0) || !Number.isFinite(meanActivePixels)) {
    throw new RangeError(
      `Cannot initialize as the mean number of active pixels must be finite and ≥ 0: current value is ${meanActivePixels}`,
    );
  }
  const p = zeroParameters(meanPixels.length, numHidden);
  for (let i = 0; i < meanPixels.length; i++) {
    const q = Math.min(Math.max(meanPixels[i], 1e-6), 1 - 1e-6);
    p.visibleBias[i] = Math.log(q / (1 - q));
  }
  rng.fillNormal(p.weights, 0.1 / Math.sqrt(meanActivePixels + 1e-6));
  return p;
}

/**
 * True when every parameter (W, a and b) is a finite number.
 *
 * @example Detect a NaN weight
 * ```ts
 * import { allFinite, zeroParameters } from "./params.ts";
 * const p = zeroParameters(3, 2);
 * console.assert(allFinite(p));
 * p.weights[4] = NaN;
 * console.assert(!allFinite(p));
 * ```
 */
export function allFinite(p: RbmParameters): boolean {
  for (const array of [p.weights, p.visibleBias, p.hiddenBias]) {
    for (let i = 0; i < array.length; i++) if (!Number.isFinite(array[i])) return false;
  }
  return true;
}

/**
 * A Float64 copy of Float32 parameters, for the analysis code (lib/reciprocal, lib/rbm/exact.ts).
 *
 * @example Copy a 3×2 model to Float64
 * ```ts
 * import { toParams64, zeroParameters } from "./params.ts";
 * const p64 = toParams64(zeroParameters(3, 2));
 * console.assert(p64.weights.rows === 3 && p64.weights.cols === 2);
 * ```
 */
export function toParams64(p: RbmParameters): RbmParams64 {
  return {
    weights: matrix(p.numVisible, p.numHidden, Float64Array.from(p.weights)),
    visibleBias: Float64Array.from(p.visibleBias),
    hiddenBias: Float64Array.from(p.hiddenBias),
  };
}
