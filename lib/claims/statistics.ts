/**
 * The statistics of the statistical and asymptotic claims, shared by the claims and by their
 * calibration script (fixtures/claims/calibrate.ts), so the calibrated thresholds apply to exactly
 * the numbers the claims compute.
 *
 * @module
 */

import { matrix, type Matrix64 } from "../linalg/mod.ts";
import { deriveSeed, Rng } from "../random/mod.ts";
import { exactReciprocalMoments, noiseFloor, rotationDivergence } from "../reciprocal/mod.ts";
import { haarOrthogonal } from "../reciprocal/rotation.ts";
import { type MatrixShape, mpSingularValueCdf } from "../rmt/marchenko_pastur.ts";
import { detectSpikes } from "../rmt/spikes.ts";
import type { FalseAlarmLevel } from "../rmt/tracy_widom.ts";
import { ksDistance } from "../stats/ks.ts";

/** Per-matrix false-alarm level of the Tracy–Widom spike test used by C3 (known σ). */
export const MP_SPIKE_FALSE_ALARM: FalseAlarmLevel = 0.001;

/** C3's statistic of one singular-value spectrum against the MP law of known σ. */
export interface MpStatistic {
  /** KS distance between the empirical cdf of all L values and the MP cdf of σ. */
  readonly ksDistance: number;
  /** Spikes found by the step-down TW edge test with σ known, α = {@link MP_SPIKE_FALSE_ALARM}. */
  readonly numSpikes: number;
  /** λ₁ / (upper MP edge σ(√n + √m)). */
  readonly largestOverEdge: number;
}

/**
 * KS distance to the MP law of known σ, TW spike count and λ₁ over the edge.
 *
 * @example A Gaussian spectrum has no spike
 * ```ts
 * import { mpStatistic } from "./statistics.ts";
 * import { sampleGaussianSingularValues } from "../rmt/marchenko_pastur.ts";
 * import { Rng } from "../random/mod.ts";
 * const shape = { numRows: 120, numCols: 60 };
 * const s = sampleGaussianSingularValues({ ...shape, sigma: 0.01 }, new Rng(1));
 * console.assert(mpStatistic(s, shape, 0.01).numSpikes === 0);
 * ```
 */
export function mpStatistic(
  singularValues: ArrayLike<number>,
  shape: MatrixShape,
  sigma: number,
): MpStatistic {
  const law = { ...shape, sigma };
  const spikes = detectSpikes(singularValues, shape, { sigma, falseAlarm: MP_SPIKE_FALSE_ALARM });
  let largest = 0;
  for (let i = 0; i < singularValues.length; i++) largest = Math.max(largest, singularValues[i]);
  const n = Math.max(shape.numRows, shape.numCols), m = Math.min(shape.numRows, shape.numCols);
  return {
    ksDistance: ksDistance(singularValues, (x) => mpSingularValueCdf(x, law)),
    numSpikes: spikes.numSpikes,
    largestOverEdge: largest / (sigma * (Math.sqrt(n) + Math.sqrt(m))),
  };
}

/** Givens rotations averaged per rotation statistic (reduces the rotation draw's noise). */
export const ROTATION_DRAWS = 8;
/** Histogram bins of the rotation test (SCIENCE.md §5). */
export const ROTATION_BINS = 1000;

/** The rotation statistic of C4 and C5. */
export interface RotationStatistic {
  /** Mean over the draws of JS(W, W')/floor, floor = (bins − 1)/(4NM). */
  readonly meanRatio: number;
  readonly minRatio: number;
  readonly maxRatio: number;
  /** The floor (bins − 1)/(4NM) in nats. */
  readonly noiseFloor: number;
}

/**
 * The authors' Givens rotation test (SCIENCE.md §5; lib/reciprocal/rotation.ts: orthogonal
 * conjugation, ⌊0.1N⌋ and ⌊0.1M⌋ rotations, 1000 bins over W's range, ε = 1e-9, nats) repeated
 * `draws` times with streams deriveSeed(seed, k), each JS divided by the histogram noise floor
 * (bins − 1)/(4NM) so the statistic is comparable across shapes (≈ 1 for an unstructured W).
 *
 * @example A Gaussian W sits near the floor
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import { Rng } from "../random/mod.ts";
 * import { rotationStatistic } from "./statistics.ts";
 * const rng = new Rng(3);
 * const w = matrix(200, 16, Array.from({ length: 3200 }, () => 0.01 * rng.nextNormal()));
 * const s = rotationStatistic(w, 1, 2, 50);
 * console.assert(s.meanRatio > 0.5 && s.meanRatio < 1.5);
 * ```
 */
export function rotationStatistic(
  w: Matrix64,
  seed: number,
  draws = ROTATION_DRAWS,
  bins = ROTATION_BINS,
): RotationStatistic {
  const floor = noiseFloor(w.rows, w.cols, bins);
  let sum = 0, min = Infinity, max = -Infinity;
  for (let k = 0; k < draws; k++) {
    const d = rotationDivergence(w, new Rng(deriveSeed(seed, k)), { bins, method: "givens" });
    const ratio = d.jensenShannon / floor;
    sum += ratio;
    min = Math.min(min, ratio);
    max = Math.max(max, ratio);
  }
  return { meanRatio: sum / draws, minRatio: min, maxRatio: max, noiseFloor: floor };
}

/** Least-squares line y = intercept + slope·x. */
export interface LineFit {
  readonly slope: number;
  readonly intercept: number;
}

/**
 * Ordinary least squares of y on x (at least two distinct x).
 *
 * @example
 * ```ts
 * import { fitLine } from "./statistics.ts";
 * const f = fitLine([0, 1, 2], [1, 3, 5]);
 * console.assert(f.slope === 2 && f.intercept === 1);
 * ```
 */
export function fitLine(x: readonly number[], y: readonly number[]): LineFit {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n, my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  if (!(sxx > 0)) {
    throw new RangeError(
      `Cannot fit a line as x must take at least two distinct values: current value is [${x}]`,
    );
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** Sizes N of C8b's kurtosis fit. */
export const KURTOSIS_SIZES: readonly number[] = [50, 100, 200, 400];

/** How the basis U of C8b is drawn. */
export type BasisKind = "haar" | "localized";

/**
 * An N×N orthogonal basis: Haar ("haar"), or "localized": disjoint 2×2 Givens blocks with random
 * angles (each column has at most two nonzero entries), a basis that never becomes Gaussian.
 *
 * @example
 * ```ts
 * import { basis } from "./statistics.ts";
 * import { Rng } from "../random/mod.ts";
 * console.assert(basis("localized", 5, new Rng(1)).rows === 5);
 * ```
 */
export function basis(kind: BasisKind, n: number, rng: Rng): Matrix64 {
  if (kind === "haar") return haarOrthogonal(n, rng);
  const u = matrix(n, n);
  const data = u.data;
  for (let i = 0; i + 1 < n; i += 2) {
    const angle = 2 * Math.PI * rng.nextDouble();
    const c = Math.cos(angle), s = Math.sin(angle);
    data[i * n + i] = c;
    data[i * n + i + 1] = -s;
    data[(i + 1) * n + i] = s;
    data[(i + 1) * n + i + 1] = c;
  }
  if (n % 2 === 1) data[(n - 1) * n + n - 1] = 1;
  return u;
}

/** C8b's evidence: the line of mean kurtosis against 1/(N + 2) and against 1/N. */
export interface KurtosisFit {
  /** Fit of mean kurtosis on 1/(N + 2): exactly slope −6, intercept 3 in expectation for Haar U. */
  readonly slope: number;
  readonly intercept: number;
  /** The paper's axis: fit on 1/N (slope ≈ −6 only for large N). */
  readonly slopeInverseN: number;
  readonly interceptInverseN: number;
  /** Mean kurtosis at the largest N. */
  readonly kurtosisAtLargestN: number;
}

/**
 * Mean over all N columns of the exact kurtosis 3 − 2ΣⱼUⱼᵢ⁴ (lib/reciprocal exactReciprocalMoments)
 * for one basis per size (stream deriveSeed(seed, N)), and its line against 1/(N + 2) and 1/N.
 *
 * @example Haar bases approach the Gaussian value 3
 * ```ts
 * import { kurtosisFit } from "./statistics.ts";
 * const f = kurtosisFit("haar", [10, 20, 40], 1);
 * console.assert(Math.abs(f.intercept - 3) < 0.1 && Math.abs(f.slope + 6) < 1);
 * ```
 */
export function kurtosisFit(
  kind: BasisKind,
  sizes: readonly number[],
  seed: number,
): KurtosisFit {
  const means = sizes.map((n) => {
    const u = basis(kind, n, new Rng(deriveSeed(seed, n)));
    const k = exactReciprocalMoments(u, n).kurtosis;
    return k.reduce((s, v) => s + v, 0) / n;
  });
  const exact = fitLine(sizes.map((n) => 1 / (n + 2)), means);
  const paper = fitLine(sizes.map((n) => 1 / n), means);
  return {
    slope: exact.slope,
    intercept: exact.intercept,
    slopeInverseN: paper.slope,
    interceptInverseN: paper.intercept,
    kurtosisAtLargestN: means[means.length - 1],
  };
}

/**
 * Adds θ·u vᵀ to `w` in place, with u and v independent random unit vectors drawn from `rng`: a
 * planted rank-one spike of singular value ≈ θ (the negative controls of C3 and the planted modes
 * of C6).
 *
 * @example A spike of 5 on a zero matrix
 * ```ts
 * import { addRankOneSpike } from "./statistics.ts";
 * import { matrix, singularValues } from "../linalg/mod.ts";
 * import { Rng } from "../random/mod.ts";
 * const w = addRankOneSpike(matrix(4, 3), 5, new Rng(1));
 * console.assert(Math.abs(singularValues(w)[0] - 5) < 1e-12);
 * ```
 */
export function addRankOneSpike(w: Matrix64, theta: number, rng: Rng): Matrix64 {
  const { rows: n, cols: m } = w;
  const u = Array.from({ length: n }, () => rng.nextNormal());
  const v = Array.from({ length: m }, () => rng.nextNormal());
  const nu = Math.hypot(...u), nv = Math.hypot(...v);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) w.data[i * m + j] += theta * (u[i] / nu) * (v[j] / nv);
  }
  return w;
}
