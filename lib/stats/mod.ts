/**
 * Statistics for the analysis: the normal distribution with accurate tails, Kolmogorov–Smirnov
 * distances and exact p-values, moments and normality tests (known and estimated parameters), and
 * histogram divergences (KL, Jensen–Shannon with the authors' ε smoothing).
 *
 * @example The tail where jStat underflows, and a KS test
 * ```ts
 * import { ksOneSampleTest, normalCdf } from "./mod.ts";
 * console.assert(normalCdf(-10) > 7.6e-24 && normalCdf(-10) < 7.7e-24);
 * const r = ksOneSampleTest([-1.2, -0.3, 0.1, 0.4, 1.5], (x) => normalCdf(x));
 * console.assert(r.pValue > 0.5);
 * ```
 *
 * @module
 */
export {
  normalCdf,
  normalLogPdf,
  normalPdf,
  normalQuantile,
  normalQuantileUpper,
  normalSf,
} from "./normal.ts";
export { jStatNormalCdf, jStatNormalPdf, jStatNormalQuantile } from "./jstat.ts";
export {
  ksDistance,
  ksOneSamplePValue,
  ksOneSampleTest,
  type KsPValueMethod,
  type KsTestResult,
  ksTwoSampleDistance,
  MAX_DURBIN_ORDER,
  smirnovOneSidedPValue,
} from "./ks.ts";
export {
  lillieforsNull,
  type LillieforsOptions,
  type LillieforsResult,
  lillieforsStatistic,
  lillieforsTest,
  type Moments,
  moments,
  normalityTestKnownParameters,
  type NormalParameters,
  reciprocalGaussianLimit,
} from "./normality.ts";
export {
  DEFAULT_DIVERGENCE_EPSILON,
  type DivergenceOptions,
  type Histogram,
  histogram,
  jensenShannonDivergence,
  jensenShannonNoiseFloor,
  klDivergence,
  normalizeCounts,
  uniformBinEdges,
} from "./divergence.ts";
