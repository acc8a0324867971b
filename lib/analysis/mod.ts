/**
 * Analysis of a run folder (`deno task analyze`): the Marčenko–Pastur check at init, spikes of
 * the trained spectrum, crossings of λ = 4, rotational-symmetry breaking, Gaussian-limit moments
 * and saddle energy, written as versioned analysis.json files (schema: lib/analysis/README.md).
 *
 * @example Analyze a run without writing files
 * ```ts ignore
 * import { analyzeRun, formatRunAnalysis } from "./mod.ts";
 * const run = await analyzeRun("runs/my-run", { write: false, nullSamples: 50 });
 * console.log(formatRunAnalysis(run));
 * ```
 *
 * @module
 */
export {
  analyzeModel,
  type AnalyzeOptions,
  type AnalyzeProgress,
  analyzeRun,
  type AnalyzeRunOptions,
  DEFAULT_ANALYSIS_SEED,
  DEFAULT_NULL_SAMPLES,
  knownInitSigma,
} from "./analyze.ts";
export { analyzeCrossings, trackedCrossings, type TrackedLogEntry } from "./crossings.ts";
export { formatRunAnalysis } from "./format.ts";
export { DEFAULT_REPORTED_MODES, gaussianLimitSummary, saddleSummary } from "./reciprocal.ts";
export * from "./schema.ts";
export { DEFAULT_SAMPLING, sampleCrossCheck, type SamplingOptions } from "./sampling.ts";
export {
  analyzeInitSpectrum,
  analyzeTrainedSpectrum,
  DEFAULT_FALSE_ALARM,
  type InitSpectrumOptions,
  MP_CONSISTENCY_LEVEL,
} from "./spectrum.ts";
export {
  analyzeRotation,
  GIVENS_FRACTION,
  ROTATION_BINS,
  ROTATION_EPSILON,
  type RotationAnalysisOptions,
} from "./symmetry.ts";
