/**
 * The Gaussian limit of reciprocal variables (SCIENCE.md §7). For v uniform on {0,1}^N and an
 * orthogonal U, xᵢ = (Uᵀv)ᵢ has exactly mean ½ΣⱼUⱼᵢ, variance ¼ (Cov(x) = ¼I) and Pearson kurtosis
 * 3 − 2ΣⱼUⱼᵢ⁴; the same holds for y = Vᵀh. The |N − M| free (null-space) columns are defined only
 * up to a rotation of their subspace, so they are reported as one rotation-invariant aggregate.
 *
 * @module
 */

import { moments } from "../stats/normality.ts";
import type { Matrix64 } from "../linalg/mod.ts";

/** Mean, variance and Pearson (not excess) kurtosis of one variable. */
export interface SampleMoments {
  /** The mean. */
  readonly mean: number;
  /** The variance: the second central moment m₂ (population form, divisor n). */
  readonly variance: number;
  /** Pearson kurtosis m₄/m₂² (3 for a normal distribution). */
  readonly kurtosis: number;
}

/** Rotation-invariant summary of the free subspace, spanned by columns L…n−1 of U. */
export interface FreeSubspaceMoments {
  /** d = n − L. */
  readonly dimension: number;
  /** ‖E[z]‖ with z the free coordinates (any orthonormal basis): ½‖Cᵀ1‖ exactly. */
  readonly meanNorm: number;
  /** trace Cov(z): d/4 exactly. */
  readonly totalVariance: number;
}

/** {@link FreeSubspaceMoments} plus the exact kurtosis averaged over directions in the subspace. */
export interface ExactFreeSubspaceMoments extends FreeSubspaceMoments {
  /**
   * Pearson kurtosis of cᵀz averaged over unit directions c uniform in the free subspace:
   * 3 − 6Σⱼ Pⱼⱼ²/(d(d+2)), P = CCᵀ the projector onto the subspace (basis-independent).
   */
  readonly averageKurtosis: number;
}

/** Result of {@link exactReciprocalMoments}. */
export interface ExactReciprocalMoments {
  /** Per paired mode i < L: mean ½ΣⱼUⱼᵢ. */
  readonly mean: Float64Array;
  /** Per paired mode: variance ¼ΣⱼUⱼᵢ² (= ¼ for unit columns). */
  readonly variance: Float64Array;
  /** Per paired mode: Pearson kurtosis 3 − 2ΣⱼUⱼᵢ⁴ (for unit columns). */
  readonly kurtosis: Float64Array;
  /** The free subspace (columns L…n−1) as a whole; null when L = n. */
  readonly free: ExactFreeSubspaceMoments | null;
}

function checkBasis(u: Matrix64, paired: number): void {
  if (u.rows !== u.cols) {
    throw new RangeError(
      `Cannot compute reciprocal moments as U must be square: current value is [${u.rows}, ${u.cols}]`,
    );
  }
  if (!Number.isInteger(paired) || paired < 0 || paired > u.cols) {
    throw new RangeError(
      `Cannot compute reciprocal moments as the paired count must be an integer in [0, ${u.cols}]: current value is ${paired}`,
    );
  }
}

/**
 * Exact moments of x = Uᵀv under uniform binary v, for the first `paired` columns (per index) and
 * the remaining free columns (aggregate). Pass V and the same L for the hidden side.
 *
 * Derivation: with sⱼ = 2vⱼ − 1 = ±1 iid, xᵢ − E[xᵢ] = ½ΣⱼUⱼᵢsⱼ, so the variance is ¼ΣⱼUⱼᵢ² and the
 * fourth central moment is (1/16)(3(ΣⱼUⱼᵢ²)² − 2ΣⱼUⱼᵢ⁴); for a unit column the kurtosis is
 * 3 − 2ΣⱼUⱼᵢ⁴.
 *
 * @example The identity basis: every xᵢ is a Bernoulli(½) variable
 * ```ts
 * import { identity } from "../linalg/mod.ts";
 * import { exactReciprocalMoments } from "./gaussian_limit.ts";
 * const m = exactReciprocalMoments(identity(3), 2);
 * console.assert(m.mean[0] === 0.5 && m.variance[0] === 0.25 && m.kurtosis[0] === 1);
 * console.assert(m.free!.dimension === 1 && m.free!.averageKurtosis === 1);
 * ```
 */
export function exactReciprocalMoments(u: Matrix64, paired: number): ExactReciprocalMoments {
  checkBasis(u, paired);
  const n = u.rows;
  const sum = new Float64Array(n),
    sumSquares = new Float64Array(n),
    sumFourth = new Float64Array(n);
  const projectorDiagonal = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const row = j * n;
    for (let i = 0; i < n; i++) {
      const x = u.data[row + i], x2 = x * x;
      sum[i] += x;
      sumSquares[i] += x2;
      sumFourth[i] += x2 * x2;
      if (i >= paired) projectorDiagonal[j] += x2;
    }
  }
  const mean = new Float64Array(paired), variance = new Float64Array(paired);
  const kurtosis = new Float64Array(paired);
  for (let i = 0; i < paired; i++) {
    mean[i] = sum[i] / 2;
    variance[i] = sumSquares[i] / 4;
    kurtosis[i] = 3 - 2 * sumFourth[i] / (sumSquares[i] * sumSquares[i]);
  }
  const d = n - paired;
  let free: ExactFreeSubspaceMoments | null = null;
  if (d > 0) {
    let meanSquare = 0, totalVariance = 0, p4 = 0;
    for (let i = paired; i < n; i++) {
      meanSquare += sum[i] * sum[i] / 4;
      totalVariance += sumSquares[i] / 4;
    }
    for (let j = 0; j < n; j++) p4 += projectorDiagonal[j] * projectorDiagonal[j];
    free = {
      dimension: d,
      meanNorm: Math.sqrt(meanSquare),
      totalVariance,
      averageKurtosis: 3 - 6 * p4 / (d * (d + 2)),
    };
  }
  return { mean, variance, kurtosis, free };
}

/**
 * The expected kurtosis of a reciprocal variable for a Haar-random U in dimension n:
 * 3 − 2E[ΣⱼUⱼᵢ⁴] = 3 − 6/(n + 2), linear in 1/n with intercept 3 and slope ≈ −6.
 *
 * @example N = 784
 * ```ts
 * import { haarKurtosis } from "./gaussian_limit.ts";
 * console.assert(Math.abs(haarKurtosis(784) - (3 - 6 / 786)) < 1e-15);
 * ```
 */
export function haarKurtosis(n: number): number {
  if (!(n >= 1)) {
    throw new RangeError(
      `Cannot compute the Haar kurtosis as n must be ≥ 1: current value is ${n}`,
    );
  }
  return 3 - 6 / (n + 2);
}

/**
 * Sample moments of a sequence, two-pass in Float64: mean, population variance m₂ = mean of
 * (x − x̄)², and Pearson kurtosis m₄/m₂² (NaN when m₂ = 0).
 *
 * @example A symmetric two-point sample has kurtosis 1
 * ```ts
 * import { sampleMoments } from "./gaussian_limit.ts";
 * const m = sampleMoments([0, 1, 0, 1]);
 * console.assert(m.mean === 0.5 && m.variance === 0.25 && m.kurtosis === 1);
 * ```
 */
export function sampleMoments(values: ArrayLike<number>): SampleMoments {
  if (values.length === 0) {
    throw new RangeError(
      "Cannot compute sample moments as the sample is empty: current value is 0",
    );
  }
  const m = moments(values);
  return { mean: m.mean, variance: m.populationVariance, kurtosis: m.pearsonKurtosis };
}

/** Result of {@link empiricalReciprocalMoments}. */
export interface EmpiricalReciprocalMoments {
  /** The paired mode indices reported, in the order of `moments`. */
  readonly modes: number[];
  /** Sample moments of xᵢ over the given states, per requested paired mode. */
  readonly moments: SampleMoments[];
  /** The free subspace as a whole (sample mean norm and total variance); null when L = n. */
  readonly free: FreeSubspaceMoments | null;
}

/**
 * Sample moments of reciprocal variables x = Uᵀv over given states (rows of `states`, shape
 * [S, n], binary or real), two-pass in Float64: per requested paired mode (default: all L), and
 * the free subspace (columns L…n−1) as an aggregate. Memory: S × (number of modes) Float64 values.
 *
 * @example Moments over all four states of two units equal the exact ones
 * ```ts
 * import { identity, matrix } from "../linalg/mod.ts";
 * import { empiricalReciprocalMoments } from "./gaussian_limit.ts";
 * const states = matrix(4, 2, [0, 0, 0, 1, 1, 0, 1, 1]);
 * const m = empiricalReciprocalMoments(identity(2), 1, states);
 * console.assert(m.moments[0].mean === 0.5 && m.moments[0].kurtosis === 1);
 * console.assert(m.free!.dimension === 1 && m.free!.totalVariance === 0.25);
 * ```
 */
export function empiricalReciprocalMoments(
  u: Matrix64,
  paired: number,
  states: Matrix64,
  modes: readonly number[] = Array.from({ length: paired }, (_, i) => i),
): EmpiricalReciprocalMoments {
  checkBasis(u, paired);
  const n = u.rows, count = states.rows;
  if (states.cols !== n) {
    throw new RangeError(
      `Cannot compute reciprocal moments as states must have ${n} columns: current value is ${states.cols}`,
    );
  }
  for (const i of modes) {
    if (!Number.isInteger(i) || i < 0 || i >= paired) {
      throw new RangeError(
        `Cannot compute reciprocal moments as modes must be paired indices in [0, ${paired}): current value is ${i}`,
      );
    }
  }
  const columns = [...modes];
  for (let i = paired; i < n; i++) columns.push(i);
  const k = columns.length;
  // Projections z[s, c] = Σⱼ states[s, j] U[j, columns[c]].
  const z = new Float64Array(count * k);
  for (let s = 0; s < count; s++) {
    const out = s * k;
    for (let j = 0; j < n; j++) {
      const vj = states.data[s * n + j];
      if (vj === 0) continue;
      const row = j * n;
      for (let c = 0; c < k; c++) z[out + c] += vj * u.data[row + columns[c]];
    }
  }
  const column = new Float64Array(count);
  const moments: SampleMoments[] = [];
  let meanSquare = 0, totalVariance = 0;
  for (let c = 0; c < k; c++) {
    for (let s = 0; s < count; s++) column[s] = z[s * k + c];
    const m = sampleMoments(column);
    if (c < modes.length) {
      moments.push(m);
    } else {
      meanSquare += m.mean * m.mean;
      totalVariance += m.variance;
    }
  }
  const d = n - paired;
  return {
    modes: [...modes],
    moments,
    free: d > 0 ? { dimension: d, meanNorm: Math.sqrt(meanSquare), totalVariance } : null,
  };
}
