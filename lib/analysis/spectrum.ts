/**
 * Spectral analysis of a weight matrix: the Marčenko–Pastur (MP) check at initialization and the
 * spikes of a trained spectrum (SCIENCE.md §4, §6), a thin layer over lib/rmt and lib/stats.
 *
 * Goodness of fit at init is lib/rmt `mpGoodnessOfFit`: the singular values are strongly
 * correlated, so a KS p-value computed as if they were iid is far too lenient; instead the pipeline
 * (detect spikes by the step-down edge + Tracy–Widom test, refit σ on the bulk, KS distance of the
 * bulk to the MP law of the refitted σ and bulk shape) is run on `nullSamples` simulated Gaussian
 * matrices of the bulk's shape (at init, with no spikes, exactly N × M; full spectra, no shrinking).
 * σ is a scale parameter, so the null law of this statistic does not depend on σ: the simulation is
 * a parametric bootstrap, exact up to Monte Carlo error.
 *
 * @module
 */

import { type MatrixShape, mpSingularValueEdges } from "../rmt/marchenko_pastur.ts";
import { bulkKsDistance, mpGoodnessOfFit } from "../rmt/goodness_of_fit.ts";
import { detectSpikes, fitBulkSigma, type SpikeDetection } from "../rmt/spikes.ts";
import type { FalseAlarmLevel } from "../rmt/tracy_widom.ts";
import { ksOneSamplePValue } from "../stats/ks.ts";
import type { InitSpectrumAnalysis, SpikeSummary, TrainedSpectrumAnalysis } from "./schema.ts";

/** Options of {@link analyzeInitSpectrum}. */
export interface InitSpectrumOptions {
  /** Number of simulated Gaussian matrices for the KS null (≥ 1). */
  readonly nullSamples: number;
  /** Seed of the simulated null (replicate r draws from deriveSeed(seed, r)). */
  readonly seed: number;
  /** Per-matrix false-alarm level of the spike test (default 0.01). */
  readonly falseAlarm?: FalseAlarmLevel;
  /** Text stored as `knownSigmaSource` (default "given"). */
  readonly knownSigmaSource?: string;
}

/** Default false-alarm level of every spike test in the analysis. */
export const DEFAULT_FALSE_ALARM: FalseAlarmLevel = 0.01;

/**
 * Level α of the MP goodness-of-fit test: {@link analyzeInitSpectrum} calls a spectrum
 * MP-consistent only if its p-value exceeds α (with R = 199 simulated matrices, p ≤ 0.01 means at
 * most one null statistic reached the observed one: a test of size exactly 0.01).
 */
export const MP_CONSISTENCY_LEVEL = 0.01;

function spikeSummary(
  d: SpikeDetection,
  shape: MatrixShape,
  singularValues: ArrayLike<number>,
): SpikeSummary {
  const maxCount = Math.floor((Math.min(shape.numRows, shape.numCols) - 1) / 2);
  let aboveUpperEdge = 0;
  for (let i = 0; i < singularValues.length; i++) {
    if (singularValues[i] > d.upperEdge) aboveUpperEdge++;
  }
  return {
    count: d.numSpikes,
    falseAlarm: d.falseAlarm,
    maxCount,
    saturated: d.numSpikes >= maxCount && maxCount > 0,
    bulkSigma: d.sigma,
    upperEdge: d.upperEdge,
    aboveUpperEdge,
    threshold: d.threshold,
  };
}

/**
 * The MP check of a spectrum at initialization, with the known init σ: fitted σ̂ vs known σ, MP
 * edges, KS distances with p-values against a simulated null of the same shape (see the module
 * docs), and spike counts (expected 0).
 *
 * @example A simulated init is MP-consistent
 * ```ts
 * import { analyzeInitSpectrum } from "./spectrum.ts";
 * import { sampleGaussianSingularValues } from "../rmt/marchenko_pastur.ts";
 * import { Rng } from "../random/mod.ts";
 * const shape = { numRows: 784, numCols: 16 };
 * const s = sampleGaussianSingularValues({ ...shape, sigma: 0.01 }, new Rng(2));
 * const a = analyzeInitSpectrum(s, shape, 0.01, { nullSamples: 20, seed: 3 });
 * console.assert(a.spikes.count === 0 && Math.abs(a.sigmaRatio - 1) < 0.1);
 * ```
 */
export function analyzeInitSpectrum(
  singularValues: ArrayLike<number>,
  shape: MatrixShape,
  knownSigma: number,
  options: InitSpectrumOptions,
): InitSpectrumAnalysis {
  const { nullSamples, seed, falseAlarm = DEFAULT_FALSE_ALARM } = options;
  if (!(knownSigma > 0) || !Number.isFinite(knownSigma)) {
    throw new RangeError(
      `Cannot check the MP law at init as the known σ must be finite and positive: current value is ${knownSigma}`,
    );
  }
  const fit = mpGoodnessOfFit(singularValues, shape, {
    replicates: nullSamples,
    seed,
    falseAlarm,
  });
  const detection = detectSpikes(singularValues, shape, { falseAlarm });
  const spikes = spikeSummary(detection, shape, singularValues);
  const spikesKnownSigma =
    detectSpikes(singularValues, shape, { sigma: knownSigma, falseAlarm }).numSpikes;
  const knownLaw = { ...shape, sigma: knownSigma };
  const ksDistanceKnownSigma = bulkKsDistance(singularValues, shape, {
    sigma: knownSigma,
    removeSpikes: false,
  }).distance;
  const fittedSigma = fit.sigma;
  let largest = 0;
  for (let i = 0; i < singularValues.length; i++) largest = Math.max(largest, singularValues[i]);
  return {
    numValues: singularValues.length,
    largestSingularValue: largest,
    knownSigma,
    knownSigmaSource: options.knownSigmaSource ?? "given",
    fittedSigma,
    fittedSigmaMedian: fitBulkSigma(singularValues, shape, {
      numSpikes: fit.numSpikes,
      method: "median",
    }),
    sigmaRatio: fittedSigma / knownSigma,
    edges: mpSingularValueEdges({ ...shape, sigma: fittedSigma }),
    knownSigmaEdges: mpSingularValueEdges(knownLaw),
    ks: {
      statistic: fit.statistic,
      pValue: fit.pValue,
      naiveIidPValue: ksOneSamplePValue(fit.statistic, singularValues.length - fit.numSpikes),
    },
    ksDistanceKnownSigma,
    spikes,
    spikesKnownSigma,
    mpConsistent: spikes.count === 0 && spikesKnownSigma === 0 &&
      fit.pValue > MP_CONSISTENCY_LEVEL,
  };
}

/**
 * The spectrum of a trained W: λ₁, the ten largest values, the count above 4, spikes above the
 * refitted bulk edge and how much the bulk widened relative to the init fit. After training the
 * bulk is no longer an MP law; its refitted σ̂ is a scale summary (training widens it).
 *
 * @example Spikes on top of a widened bulk
 * ```ts
 * import { analyzeTrainedSpectrum } from "./spectrum.ts";
 * import { sampleGaussianSingularValues } from "../rmt/marchenko_pastur.ts";
 * import { Rng } from "../random/mod.ts";
 * const shape = { numRows: 784, numCols: 32 };
 * const s = sampleGaussianSingularValues({ ...shape, sigma: 0.03 }, new Rng(4));
 * s[0] = 12; s[1] = 6; // two condensed modes
 * const a = analyzeTrainedSpectrum(s, shape, 0.01);
 * console.assert(a.modesAbove4 === 2 && a.spikes.count === 2 && a.bulkWidening > 2);
 * ```
 */
export function analyzeTrainedSpectrum(
  singularValues: ArrayLike<number>,
  shape: MatrixShape,
  initFittedSigma: number,
  falseAlarm: FalseAlarmLevel = DEFAULT_FALSE_ALARM,
): TrainedSpectrumAnalysis {
  const detection = detectSpikes(singularValues, shape, { falseAlarm });
  const sorted = Array.from(singularValues).sort((a, b) => b - a);
  const spikes = spikeSummary(detection, shape, singularValues);
  return {
    numValues: sorted.length,
    largestSingularValue: sorted[0] ?? 0,
    topSingularValues: sorted.slice(0, 10),
    modesAbove4: sorted.filter((x) => x > 4).length,
    spikes,
    bulkWidening: spikes.bulkSigma / initFittedSigma,
  };
}
