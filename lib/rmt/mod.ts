/**
 * Random-matrix theory for RBM weight matrices (SCIENCE.md §4): the Marčenko–Pastur law of the
 * singular values of a Gaussian matrix (pdf, closed-form cdf, quantiles, sampling), Tracy–Widom edge
 * thresholds, bulk fit and spike detection, and goodness of fit against a simulated null.
 *
 * @example Spikes of a Gaussian matrix plus a strong rank-one term
 * ```ts
 * import { detectSpikes, gaussianMatrix, mpSingularValueEdges } from "./mod.ts";
 * import { singularValues } from "../linalg/svd.ts";
 * import { Rng } from "../random/mod.ts";
 * const law = { numRows: 200, numCols: 100, sigma: 0.01 };
 * const w = gaussianMatrix(law, new Rng(1));
 * w.data[0] += 1; // a single large entry: one spike far above the edge
 * const found = detectSpikes(singularValues(w), law);
 * console.assert(found.numSpikes === 1 && found.threshold > mpSingularValueEdges(law).upper);
 * ```
 *
 * @module
 */
export type { MatrixShape } from "./_shape.ts";
export {
  gaussianMatrix,
  type Interval,
  type MarchenkoPasturLaw,
  mpEigenvalueCdf,
  mpEigenvalueEdges,
  mpEigenvaluePdf,
  mpEigenvalueQuantile,
  mpSingularValueCdf,
  mpSingularValueEdges,
  mpSingularValuePdf,
  mpSingularValueQuantile,
  sampleGaussianSingularValues,
  sampleMpEigenvaluesIid,
  sampleMpSingularValuesIid,
} from "./marchenko_pastur.ts";
export {
  type EdgeScaling,
  type FalseAlarmLevel,
  johnstoneEdgeScaling,
  largestEigenvalueThreshold,
  TRACY_WIDOM_1_UPPER_QUANTILES,
  tracyWidom1UpperQuantile,
} from "./tracy_widom.ts";
export {
  type BulkFitMethod,
  type BulkFitOptions,
  detectSpikes,
  fitBulkSigma,
  type SpikeDetection,
  type SpikeDetectionOptions,
} from "./spikes.ts";
export {
  type BulkKsDistance,
  bulkKsDistance,
  type BulkKsOptions,
  type GoodnessOfFit,
  type GoodnessOfFitOptions,
  mpGoodnessOfFit,
} from "./goodness_of_fit.ts";
