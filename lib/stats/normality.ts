/**
 * Moments and normality tests for the Gaussian limit of reciprocal variables (SCIENCE.md §7).
 *
 * - {@link moments}: mean, population and sample variance, Pearson kurtosis m₄/m₂² (3 for a normal
 *   law; what the paper and the authors' code call kurtosis) and excess kurtosis m₄/m₂² − 3, all in
 *   Float64 with two passes (the second pass carries the rounding-error correction of the mean).
 * - Known parameters: for v uniform on {0,1}^N the reciprocal variable xᵢ = uᵢᵀv has mean ½Σⱼ Uⱼᵢ and
 *   standard deviation ½ exactly, so the limit law is fully specified: {@link normalityTestKnownParameters}
 *   runs the one-sample KS test with its exact p-value ({@link reciprocalGaussianLimit} gives the
 *   parameters).
 * - Estimated parameters: {@link lillieforsTest} is the KS distance to Normal(x̄, s²) (s with n − 1),
 *   whose null law does not depend on the true mean and variance, so it is calibrated by simulating
 *   R standard normal samples of the same size (replicate r drawn from `new Rng(deriveSeed(seed, r))`);
 *   p = (1 + #{null ≥ observed}) / (R + 1).
 *
 * @module
 */

import { deriveSeed, Rng } from "../random/mod.ts";
import { ksOneSampleTest, type KsTestResult } from "./ks.ts";
import { normalCdf } from "./normal.ts";

/** Sample moments; every variance/kurtosis convention is named explicitly. */
export interface Moments {
  /** n. */
  readonly count: number;
  /** Arithmetic mean x̄. */
  readonly mean: number;
  /** m₂ = Σ(x − x̄)²/n (divides by n). */
  readonly populationVariance: number;
  /** s² = Σ(x − x̄)²/(n − 1) (NaN when n = 1). */
  readonly sampleVariance: number;
  /** m₄/m₂² with population moments: 3 for a normal law (NaN when m₂ = 0). */
  readonly pearsonKurtosis: number;
  /** m₄/m₂² − 3: 0 for a normal law (NaN when m₂ = 0). */
  readonly excessKurtosis: number;
}

function checkValues(values: ArrayLike<number>, minCount: number, what: string): void {
  if (values.length < minCount) {
    throw new RangeError(
      `Cannot ${what} as at least ${minCount} values are needed: current value is ${values.length}`,
    );
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(
        `Cannot ${what} as every value must be finite: current value is ${values[i]} at index ${i}`,
      );
    }
  }
}

/**
 * Mean, variances and kurtoses of a sample, Float64, two-pass with the corrected second pass
 * (m₂ = (Σd² − (Σd)²/n)/n, d = x − x̄), so an offset of 1e9 costs no accuracy.
 *
 * @example Moments of {1, 2, 3, 4}
 * ```ts
 * import { moments } from "./normality.ts";
 * const m = moments([1, 2, 3, 4]);
 * console.assert(m.mean === 2.5 && m.populationVariance === 1.25 && m.sampleVariance === 5 / 3);
 * console.assert(Math.abs(m.pearsonKurtosis - 1.64) < 1e-15 && Math.abs(m.excessKurtosis + 1.36) < 1e-15);
 * ```
 */
export function moments(values: ArrayLike<number>): Moments {
  checkValues(values, 1, "compute moments");
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    s1 += d;
    s2 += d * d;
  }
  const m2Sum = Math.max(0, s2 - s1 * s1 / n);
  const correctedMean = mean + s1 / n;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - correctedMean;
    const d2 = d * d;
    s4 += d2 * d2;
  }
  const m2 = m2Sum / n;
  const m4 = s4 / n;
  const pearson = m2 > 0 ? m4 / (m2 * m2) : NaN;
  return {
    count: n,
    mean: correctedMean,
    populationVariance: m2,
    sampleVariance: n > 1 ? m2Sum / (n - 1) : NaN,
    pearsonKurtosis: pearson,
    excessKurtosis: pearson - 3,
  };
}

/**
 * One-sample KS test of normality with KNOWN mean and standard deviation (exact p-value).
 *
 * @example A sample far from the stated mean is rejected
 * ```ts
 * import { normalityTestKnownParameters } from "./normality.ts";
 * const r = normalityTestKnownParameters([2.1, 2.5, 1.9, 2.8, 2.2, 2.6], 0, 1);
 * console.assert(r.pValue < 1e-6);
 * ```
 */
export function normalityTestKnownParameters(
  values: ArrayLike<number>,
  mean: number,
  standardDeviation: number,
): KsTestResult {
  checkValues(values, 1, "test normality");
  if (!Number.isFinite(mean) || !(standardDeviation > 0) || !Number.isFinite(standardDeviation)) {
    throw new RangeError(
      `Cannot test normality as the mean must be finite and the standard deviation finite and positive: current value is (${mean}, ${standardDeviation})`,
    );
  }
  return ksOneSampleTest(values, (x) => normalCdf(x, mean, standardDeviation));
}

/** Parameters of a normal law. */
export interface NormalParameters {
  /** The mean μ. */
  readonly mean: number;
  /** The standard deviation σ (not the variance). */
  readonly standardDeviation: number;
}

/**
 * The Gaussian limit of the reciprocal variable x = uᵀv for v uniform on {0,1}^N and a unit vector
 * u (a column of U): mean ½Σⱼuⱼ, standard deviation ½ (exact moments for any unit u).
 *
 * @example A uniform unit column
 * ```ts
 * import { reciprocalGaussianLimit } from "./normality.ts";
 * const u = [0.5, 0.5, 0.5, 0.5];
 * const { mean, standardDeviation } = reciprocalGaussianLimit(u);
 * console.assert(mean === 1 && standardDeviation === 0.5);
 * ```
 */
export function reciprocalGaussianLimit(column: ArrayLike<number>): NormalParameters {
  checkValues(column, 1, "compute the reciprocal Gaussian limit");
  let sum = 0;
  let norm2 = 0;
  for (let i = 0; i < column.length; i++) {
    sum += column[i];
    norm2 += column[i] * column[i];
  }
  if (Math.abs(norm2 - 1) > 1e-8) {
    throw new RangeError(
      `Cannot compute the reciprocal Gaussian limit as the column must have unit norm: current value is ${
        Math.sqrt(norm2)
      }`,
    );
  }
  return { mean: 0.5 * sum, standardDeviation: 0.5 };
}

/**
 * Lilliefors statistic: sup_x |F_n(x) − Φ((x − x̄)/s)| with x̄ and s (n − 1 divisor) estimated from the
 * same sample (n ≥ 3, not all values equal).
 *
 * @example Symmetric three-point sample
 * ```ts
 * import { lillieforsStatistic } from "./normality.ts";
 * const d = lillieforsStatistic([-1, 0, 1]);
 * console.assert(d > 0 && d < 0.5);
 * ```
 */
export function lillieforsStatistic(values: ArrayLike<number>): number {
  checkValues(values, 3, "compute the Lilliefors statistic");
  return lillieforsUnchecked(Float64Array.from(values));
}

/** Lilliefors statistic of `x` (sorted in place). */
function lillieforsUnchecked(x: Float64Array): number {
  const n = x.length;
  const m = moments(x);
  const s = Math.sqrt(m.sampleVariance);
  if (!(s > 0)) {
    throw new RangeError(
      `Cannot compute the Lilliefors statistic as the sample has zero variance: current value is ${s}`,
    );
  }
  x.sort();
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = normalCdf((x[i] - m.mean) / s);
    const above = (i + 1) / n - f;
    const below = f - i / n;
    if (above > d) d = above;
    if (below > d) d = below;
  }
  return d;
}

/**
 * R draws of the Lilliefors statistic for samples of `sampleSize` standard normals (its null law,
 * free of the true mean and variance), ascending; replicate r uses `new Rng(deriveSeed(seed, r))`.
 *
 * @example 95% point for n = 100 near Stephens' 0.895/(√n − 0.01 + 0.85/√n)
 * ```ts
 * import { lillieforsNull } from "./normality.ts";
 * const nulls = lillieforsNull(100, 400, 7);
 * const q95 = nulls[Math.floor(0.95 * 400)];
 * console.assert(Math.abs(q95 * (10 - 0.01 + 0.085) / 0.895 - 1) < 0.1);
 * ```
 */
export function lillieforsNull(sampleSize: number, replicates: number, seed: number): Float64Array {
  if (!Number.isInteger(sampleSize) || sampleSize < 3) {
    throw new RangeError(
      `Cannot simulate the Lilliefors null as the sample size must be an integer ≥ 3: current value is ${sampleSize}`,
    );
  }
  if (!Number.isInteger(replicates) || replicates < 1) {
    throw new RangeError(
      `Cannot simulate the Lilliefors null as replicates must be a positive integer: current value is ${replicates}`,
    );
  }
  if (!Number.isInteger(seed)) {
    throw new RangeError(
      `Cannot simulate the Lilliefors null as the seed must be an integer: current value is ${seed}`,
    );
  }
  const out = new Float64Array(replicates);
  const x = new Float64Array(sampleSize);
  for (let r = 0; r < replicates; r++) {
    const rng = new Rng(deriveSeed(seed, r));
    for (let i = 0; i < sampleSize; i++) x[i] = rng.nextNormal();
    out[r] = lillieforsUnchecked(x);
  }
  return out.sort();
}

/** Options of {@link lillieforsTest}. */
export interface LillieforsOptions {
  /** Number R of simulated null samples (999 gives p-value resolution 0.001). */
  readonly replicates: number;
  /** Base seed of the null simulation. */
  readonly seed: number;
}

/** Result of {@link lillieforsTest}. */
export interface LillieforsResult {
  /** The Lilliefors statistic of the sample. */
  readonly statistic: number;
  /** (1 + #{null ≥ statistic}) / (R + 1). */
  readonly pValue: number;
  /** n. */
  readonly sampleSize: number;
  /** R. */
  readonly replicates: number;
  /** Base seed of the null simulation. */
  readonly seed: number;
  /** Estimated mean x̄. */
  readonly mean: number;
  /** Estimated standard deviation s (n − 1 divisor). */
  readonly standardDeviation: number;
}

/**
 * Normality test with ESTIMATED mean and variance (Lilliefors-type KS), calibrated by a seeded
 * simulated null of the same sample size (see module docs).
 *
 * @example A skewed sample is rejected
 * ```ts
 * import { lillieforsTest } from "./normality.ts";
 * const x = Array.from({ length: 200 }, (_, i) => Math.exp((i - 100) / 40)); // log-uniform
 * const r = lillieforsTest(x, { replicates: 99, seed: 1 });
 * console.assert(r.pValue === 0.01);
 * ```
 */
export function lillieforsTest(
  values: ArrayLike<number>,
  options: LillieforsOptions,
): LillieforsResult {
  checkValues(values, 3, "run the Lilliefors test");
  const statistic = lillieforsStatistic(values);
  const nulls = lillieforsNull(values.length, options.replicates, options.seed);
  let atLeast = 0;
  for (let r = 0; r < nulls.length; r++) if (nulls[r] >= statistic) atLeast++;
  const m = moments(values);
  return {
    statistic,
    pValue: (1 + atLeast) / (options.replicates + 1),
    sampleSize: values.length,
    replicates: options.replicates,
    seed: options.seed,
    mean: m.mean,
    standardDeviation: Math.sqrt(m.sampleVariance),
  };
}
