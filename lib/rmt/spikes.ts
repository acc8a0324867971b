/**
 * Bulk fit and spike detection for the singular values of a weight matrix (SCIENCE.md §4, §6).
 *
 * Bulk model: with k spikes removed, the L − k remaining values are the MP law of an
 * (n − k) × (m − k) Gaussian matrix (n = max(N, M), m = min(N, M)); this is the exact limit for
 * strong spikes, since deflating k rank-one outliers leaves a Gaussian matrix of that shape.
 *
 * Bulk fit (σ unknown), {@link fitBulkSigma}: "trace" (default) matches the first moment,
 * Σμ_bulk = σ²(n − k)(m − k) (E tr WᵀW = σ²nm exactly); "median" matches the median of μ_bulk to the
 * MP median and is more robust to unremoved spikes, but noisier.
 *
 * Spike detection, {@link detectSpikes}, is a step-down edge test. With k spikes found so far
 * (k = 0 at the start), σ̂ is refitted by the trace on the L − k remaining values and the (k+1)-th
 * largest singular value is a spike if its square exceeds σ̂²(μ_{n'm'} + s_α σ_{n'm'}), the
 * Tracy–Widom threshold of an n' × m' = (n − k) × (m − k) Gaussian matrix (Johnstone 2001
 * centering/scaling, s_α the TW1 upper quantile; see tracy_widom.ts). The search stops at the first
 * value that is not a spike, or when half the values have been removed. Spikes are thus peeled off
 * one at a time before the bulk is refitted: at step k the remaining spikes still sit in the trace,
 * raising the threshold by the factor 1 + Σθ²/(σ²n'm'), which can only mask a spike when more than
 * about 1/(1/√m + 1/√n)² spikes of similar size are present (≈ 150 for 784×500).
 *
 * False-alarm budget: the first step is a test of the largest value of a pure Gaussian matrix. With
 * σ known it has level ≈ α (measured 0.049–0.055 at α = 0.05, 0.008–0.016 at α = 0.01, for shapes
 * 60×40 to 200×128, 1000–4000 seeded matrices each). With σ fitted by the trace it is conservative
 * (0.033–0.044 at α = 0.05, 0.003–0.009 at α = 0.01): λ₁²/trace is independent of the trace for a
 * Gaussian matrix, so studentizing removes the χ² part of the fluctuation. Matching the median
 * instead roughly doubles the false alarms (0.08–0.11 at α = 0.05), which is why the trace is used.
 *
 * @module
 */

import { checkShape, type MatrixShape } from "./_shape.ts";
import { mpEigenvalueQuantile } from "./marchenko_pastur.ts";
import { type FalseAlarmLevel, largestEigenvalueThreshold } from "./tracy_widom.ts";

/** How {@link fitBulkSigma} matches the bulk: its mean (trace) or its median. */
export type BulkFitMethod = "trace" | "median";

/** Options of {@link fitBulkSigma}. */
export interface BulkFitOptions {
  /** Number k of largest values to leave out (bulk modelled as (n − k) × (m − k)); default 0. */
  readonly numSpikes?: number;
  /** "trace" (default): Σμ_bulk = σ²(n − k)(m − k); "median": median(μ_bulk) = σ²·MP median. */
  readonly method?: BulkFitMethod;
}

/** Options of {@link detectSpikes}. */
export interface SpikeDetectionOptions {
  /** Known entry standard deviation σ; when absent σ is fitted from the bulk (median match). */
  readonly sigma?: number;
  /** Per-matrix false-alarm probability α (a tabulated TW1 level); default 0.01. */
  readonly falseAlarm?: FalseAlarmLevel;
  /** Most spikes to peel off; default and ceiling ⌊(m − 1)/2⌋ (the bulk must stay a majority). */
  readonly maxSpikes?: number;
}

/** Result of {@link detectSpikes}; all edges and thresholds are in singular-value units. */
export interface SpikeDetection {
  /** σ used for the final test: fitted on the bulk after removing the spikes, or the known σ. */
  readonly sigma: number;
  /** Whether σ was fitted (true) or given (false). */
  readonly sigmaFitted: boolean;
  /** Upper MP edge σ(√n' + √m') of the bulk, n' = n − k, m' = m − k. */
  readonly upperEdge: number;
  /** √ of the TW threshold the first non-spike value failed to exceed (edge + TW margin). */
  readonly threshold: number;
  /** Indices (into the input) of the spikes, by decreasing singular value. */
  readonly spikes: number[];
  /** Number of spikes k. */
  readonly numSpikes: number;
  /** The false-alarm level α used. */
  readonly falseAlarm: FalseAlarmLevel;
}

/** Squared values sorted ascending, with the input index of each. */
interface SortedSpectrum {
  readonly squares: Float64Array;
  readonly order: Int32Array;
}

function sortSpectrum(singularValues: ArrayLike<number>, shape: MatrixShape, what: string) {
  const [, m] = checkShape(shape, what);
  if (singularValues.length !== m) {
    throw new RangeError(
      `Cannot ${what} as there must be min(N, M) = ${m} singular values: current value is ${singularValues.length}`,
    );
  }
  for (let i = 0; i < m; i++) {
    const x = singularValues[i];
    if (!(x >= 0) || !Number.isFinite(x)) {
      throw new RangeError(
        `Cannot ${what} as singular values must be finite and non-negative: current value is ${x} at index ${i}`,
      );
    }
  }
  const order = Int32Array.from({ length: m }, (_, i) => i);
  order.sort((i, j) => singularValues[i] - singularValues[j] || i - j);
  const squares = new Float64Array(m);
  for (let r = 0; r < m; r++) squares[r] = singularValues[order[r]] ** 2;
  return { squares, order } as SortedSpectrum;
}

/** Median of the `count` smallest squared values (ascending array). */
function lowerMedian(squares: Float64Array, count: number): number {
  const h = count >> 1;
  return count % 2 === 1 ? squares[h] : 0.5 * (squares[h - 1] + squares[h]);
}

/** σ̂ from the `count` smallest squares, bulk shape n' × m'. */
function bulkSigma(
  squares: Float64Array,
  count: number,
  n: number,
  m: number,
  method: BulkFitMethod,
): number {
  if (method === "median") {
    const unitMedian = mpEigenvalueQuantile(0.5, { numRows: n, numCols: m, sigma: 1 });
    return Math.sqrt(lowerMedian(squares, count) / unitMedian);
  }
  let sum = 0;
  for (let i = 0; i < count; i++) sum += squares[i];
  return Math.sqrt(sum / (n * m));
}

/**
 * Fits σ of the MP bulk by matching the median of the squared singular values to the MP median,
 * after removing the `numSpikes` largest values (bulk modelled as (n − k) × (m − k), see module
 * docs). Exact for the MP law itself; on a finite Gaussian matrix the error is O(1/L).
 *
 * @example Recover σ = 0.01 from a simulated 400×300 matrix
 * ```ts
 * import { fitBulkSigma } from "./spikes.ts";
 * import { sampleGaussianSingularValues } from "./marchenko_pastur.ts";
 * import { Rng } from "../random/mod.ts";
 * const shape = { numRows: 400, numCols: 300 };
 * const s = sampleGaussianSingularValues({ ...shape, sigma: 0.01 }, new Rng(1));
 * console.assert(Math.abs(fitBulkSigma(s, shape) / 0.01 - 1) < 0.01);
 * ```
 */
export function fitBulkSigma(
  singularValues: ArrayLike<number>,
  shape: MatrixShape,
  options: BulkFitOptions = {},
): number {
  const numSpikes = options.numSpikes ?? 0;
  const method = options.method ?? "trace";
  const [n, m] = checkShape(shape, "fit the MP bulk");
  if (!Number.isInteger(numSpikes) || numSpikes < 0 || 2 * numSpikes >= m) {
    throw new RangeError(
      `Cannot fit the MP bulk as the number of spikes must be an integer in [0, min(N, M)/2): current value is ${numSpikes}`,
    );
  }
  const { squares } = sortSpectrum(singularValues, shape, "fit the MP bulk");
  const sigma = bulkSigma(squares, m - numSpikes, n - numSpikes, m - numSpikes, method);
  if (!(sigma > 0)) {
    throw new RangeError(
      `Cannot fit the MP bulk as the median singular value must be positive: current value is ${sigma}`,
    );
  }
  return sigma;
}

/**
 * Detects spikes (outliers above the MP bulk) among the L = min(N, M) singular values of an N×M
 * matrix by a step-down Tracy–Widom edge test (see module docs); σ is fitted unless given.
 *
 * @example A rank-one spike on top of Gaussian noise
 * ```ts
 * import { detectSpikes } from "./spikes.ts";
 * import { gaussianMatrix } from "./marchenko_pastur.ts";
 * import { singularValues } from "../linalg/svd.ts";
 * import { Rng } from "../random/mod.ts";
 * const shape = { numRows: 120, numCols: 80 };
 * const w = gaussianMatrix({ ...shape, sigma: 0.01 }, new Rng(4));
 * for (let i = 0; i < 80; i++) w.data[i * 80 + i] += i === 0 ? 0.5 : 0; // λ ≈ 0.5 ≫ edge ≈ 0.2
 * const found = detectSpikes(singularValues(w), shape);
 * console.assert(found.numSpikes === 1 && found.spikes[0] === 0);
 * ```
 */
export function detectSpikes(
  singularValues: ArrayLike<number>,
  shape: MatrixShape,
  options: SpikeDetectionOptions = {},
): SpikeDetection {
  const what = "detect spikes";
  const [n, m] = checkShape(shape, what);
  const falseAlarm = options.falseAlarm ?? 0.01;
  const known = options.sigma;
  if (known !== undefined && (!(known > 0) || !Number.isFinite(known))) {
    throw new RangeError(
      `Cannot ${what} as a known sigma must be finite and positive: current value is ${known}`,
    );
  }
  if (n < 2) {
    throw new RangeError(
      `Cannot ${what} as max(N, M) must be at least 2: current value is ${n}`,
    );
  }
  const { squares, order } = sortSpectrum(singularValues, shape, what);
  const ceiling = Math.floor((m - 1) / 2);
  const maxSpikes = options.maxSpikes ?? ceiling;
  if (!Number.isInteger(maxSpikes) || maxSpikes < 0 || maxSpikes > ceiling) {
    throw new RangeError(
      `Cannot ${what} as maxSpikes must be an integer in [0, ${ceiling}]: current value is ${maxSpikes}`,
    );
  }
  let k = 0;
  let sigma = NaN;
  let thresholdSquared = NaN;
  for (;;) {
    const nk = n - k;
    const mk = m - k;
    sigma = known ?? bulkSigma(squares, mk, nk, mk, "trace");
    if (!(sigma > 0)) {
      throw new RangeError(
        `Cannot ${what} as the fitted sigma must be positive (median singular value is 0): current value is ${sigma}`,
      );
    }
    thresholdSquared = largestEigenvalueThreshold({ numRows: nk, numCols: mk }, sigma, falseAlarm);
    if (k >= maxSpikes || !(squares[mk - 1] > thresholdSquared)) break;
    k++;
  }
  const spikes: number[] = [];
  for (let r = m - 1; r >= m - k; r--) spikes.push(order[r]);
  return {
    sigma,
    sigmaFitted: known === undefined,
    upperEdge: sigma * (Math.sqrt(n - k) + Math.sqrt(m - k)),
    threshold: Math.sqrt(thresholdSquared),
    spikes,
    numSpikes: k,
    falseAlarm,
  };
}
