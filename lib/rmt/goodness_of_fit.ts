/**
 * Goodness of fit of a singular-value spectrum to the Marčenko–Pastur law, judged against a
 * simulated null of the same shape (SCIENCE.md §4).
 *
 * The eigenvalues of one matrix are strongly correlated, so the iid Kolmogorov–Smirnov p-value is
 * wrong (far too lenient). Instead:
 * - statistic: the KS distance between the empirical cdf of the BULK singular values (the spikes
 *   found by {@link detectSpikes} removed; pass `removeSpikes: false` to keep all L values) and the
 *   MP cdf of the fitted bulk model ((N − k) × (M − k), σ̂ or the known σ);
 * - null: R Gaussian matrices of the bulk's shape (N − k) × (M − k) with entries N(0, σ̂²), replicate r
 *   drawn from `new Rng(deriveSeed(seed, r))`, each put through exactly the same pipeline (spike
 *   removal, σ refit unless σ is known, KS distance);
 * - p-value: (1 + #{null ≥ observed}) / (R + 1), never below 1/(R + 1).
 * Caveat: spikes are peeled off by the edge test (up to half the values by default). An alternative
 * whose spectrum splits into separated groups (e.g. half the columns with 3× the scale) can have its
 * upper group removed as "spikes" and its remaining bulk accepted; a large `numSpikes` is itself
 * evidence against the MP model, and `maxSpikes` caps the removal (e.g. at the few spikes expected).
 * Shrinking the simulated matrices is not allowed here: the KS distance of a spectrum does not
 * scale simply with L (bulk rigidity ~ √(log L)/L, edge ~ L^{-2/3}), so the null is simulated at the
 * full shape. Cost: R singular-value decompositions of that shape (measured ≈ 4.5 ms per replicate for
 * 100×64, 12 ms for 784×64, 0.54 s for 784×500, i.e. ≈ 53 s for R = 99 at the paper's shape).
 *
 * @module
 */

import { deriveSeed, Rng } from "../random/mod.ts";
import { ksDistance } from "../stats/ks.ts";
import type { MatrixShape } from "./_shape.ts";
import { mpSingularValueCdf, sampleGaussianSingularValues } from "./marchenko_pastur.ts";
import { detectSpikes, fitBulkSigma, type SpikeDetection } from "./spikes.ts";
import type { FalseAlarmLevel } from "./tracy_widom.ts";

/** Options of {@link bulkKsDistance}. */
export interface BulkKsOptions {
  /** Known entry standard deviation; when absent σ is fitted (trace of the bulk). */
  readonly sigma?: number;
  /** False-alarm level of the spike detector; default 0.01. */
  readonly falseAlarm?: FalseAlarmLevel;
  /** Remove detected spikes before measuring the distance (default true). */
  readonly removeSpikes?: boolean;
  /** Most spikes to remove (default ⌊(m − 1)/2⌋; see {@link detectSpikes}). */
  readonly maxSpikes?: number;
}

/** Options of {@link mpGoodnessOfFit}. */
export interface GoodnessOfFitOptions extends BulkKsOptions {
  /** Number R of simulated null matrices (≥ 1; 99 or 199 give p-value resolution 0.01 / 0.005). */
  readonly replicates: number;
  /** Base seed; replicate r uses `new Rng(deriveSeed(seed, r))`. */
  readonly seed: number;
}

/** Result of {@link bulkKsDistance}. */
export interface BulkKsDistance {
  /** KS distance between the bulk's empirical cdf and the fitted MP cdf. */
  readonly distance: number;
  /** σ of the fitted (or given) bulk law. */
  readonly sigma: number;
  /** Number of spikes removed (0 when `removeSpikes` is false). */
  readonly numSpikes: number;
  /** Shape of the bulk model, (N − k) × (M − k). */
  readonly bulkShape: MatrixShape;
}

/** Result of {@link mpGoodnessOfFit}. */
export interface GoodnessOfFit {
  /** The observed statistic (see {@link bulkKsDistance}). */
  readonly statistic: number;
  /** (1 + #{null ≥ statistic}) / (R + 1). */
  readonly pValue: number;
  /** R. */
  readonly replicates: number;
  /** The base seed used. */
  readonly seed: number;
  /** σ of the fitted (or given) bulk law, also the σ of the simulated null. */
  readonly sigma: number;
  /** Number of spikes removed from the observed spectrum. */
  readonly numSpikes: number;
  /** Shape of the simulated null matrices, (N − k) × (M − k). */
  readonly nullShape: MatrixShape;
  /** The R null statistics, ascending. */
  readonly nullStatistics: Float64Array;
}

/**
 * KS distance between the bulk of a singular-value spectrum (spikes removed by the TW edge test
 * unless `removeSpikes` is false) and the MP cdf of the fitted bulk law. A descriptive number: its
 * p-value needs the simulated null of {@link mpGoodnessOfFit}.
 *
 * @example A Gaussian spectrum is close to MP
 * ```ts
 * import { bulkKsDistance } from "./goodness_of_fit.ts";
 * import { sampleGaussianSingularValues } from "./marchenko_pastur.ts";
 * import { Rng } from "../random/mod.ts";
 * const shape = { numRows: 300, numCols: 200 };
 * const s = sampleGaussianSingularValues({ ...shape, sigma: 0.01 }, new Rng(8));
 * const fit = bulkKsDistance(s, shape);
 * console.assert(fit.distance < 0.05 && fit.numSpikes === 0);
 * ```
 */
export function bulkKsDistance(
  singularValues: ArrayLike<number>,
  shape: MatrixShape,
  options: BulkKsOptions = {},
): BulkKsDistance {
  const removeSpikes = options.removeSpikes ?? true;
  let detection: SpikeDetection | null = null;
  let sigma: number;
  if (removeSpikes) {
    detection = detectSpikes(singularValues, shape, {
      sigma: options.sigma,
      falseAlarm: options.falseAlarm,
      maxSpikes: options.maxSpikes,
    });
    sigma = detection.sigma;
  } else {
    sigma = options.sigma ?? fitBulkSigma(singularValues, shape);
  }
  const k = detection?.numSpikes ?? 0;
  const excluded = new Set(detection?.spikes ?? []);
  const bulk: number[] = [];
  for (let i = 0; i < singularValues.length; i++) {
    if (!excluded.has(i)) bulk.push(singularValues[i]);
  }
  const bulkShape = { numRows: shape.numRows - k, numCols: shape.numCols - k };
  const law = { ...bulkShape, sigma };
  const distance = ksDistance(bulk, (x) => mpSingularValueCdf(x, law));
  return { distance, sigma, numSpikes: k, bulkShape };
}

/**
 * Goodness of fit of a singular-value spectrum to the MP law against a simulated null of the same
 * shape (see the module docs for the statistic, null and p-value).
 *
 * @example A Gaussian spectrum passes, a two-scale matrix fails
 * ```ts
 * import { mpGoodnessOfFit } from "./goodness_of_fit.ts";
 * import { gaussianMatrix } from "./marchenko_pastur.ts";
 * import { singularValues } from "../linalg/svd.ts";
 * import { Rng } from "../random/mod.ts";
 * const shape = { numRows: 60, numCols: 40 };
 * const w = gaussianMatrix({ ...shape, sigma: 1 }, new Rng(21));
 * const pure = mpGoodnessOfFit(singularValues(w), shape, { replicates: 49, seed: 1 });
 * for (let i = 0; i < w.data.length; i++) if (i % 40 < 20) w.data[i] *= 3; // half the columns ×3
 * const mixed = mpGoodnessOfFit(singularValues(w), shape, { replicates: 49, seed: 1 });
 * console.assert(pure.pValue > 0.05 && mixed.pValue === 1 / 50);
 * ```
 */
export function mpGoodnessOfFit(
  singularValues: ArrayLike<number>,
  shape: MatrixShape,
  options: GoodnessOfFitOptions,
): GoodnessOfFit {
  const { replicates, seed } = options;
  if (!Number.isInteger(replicates) || replicates < 1) {
    throw new RangeError(
      `Cannot run the MP goodness-of-fit test as replicates must be a positive integer: current value is ${replicates}`,
    );
  }
  if (!Number.isInteger(seed)) {
    throw new RangeError(
      `Cannot run the MP goodness-of-fit test as the seed must be an integer: current value is ${seed}`,
    );
  }
  const observed = bulkKsDistance(singularValues, shape, options);
  const nullShape = observed.bulkShape;
  const law = { ...nullShape, sigma: observed.sigma };
  const nullStatistics = new Float64Array(replicates);
  let atLeast = 0;
  for (let r = 0; r < replicates; r++) {
    const values = sampleGaussianSingularValues(law, new Rng(deriveSeed(seed, r)));
    const d = bulkKsDistance(values, nullShape, options).distance;
    nullStatistics[r] = d;
    if (d >= observed.distance) atLeast++;
  }
  nullStatistics.sort();
  return {
    statistic: observed.distance,
    pValue: (1 + atLeast) / (replicates + 1),
    replicates,
    seed,
    sigma: observed.sigma,
    numSpikes: observed.numSpikes,
    nullShape,
    nullStatistics,
  };
}
