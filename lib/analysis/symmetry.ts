/**
 * The rotational-symmetry test of SCIENCE.md §5 applied to a model's init and trained W, against
 * its null, using lib/reciprocal/rotation.ts. The Givens variant is the authors' test in the
 * orthogonal-conjugation form W' = (R_U U R_Uᵀ) Σ (R_V V R_Vᵀ)ᵀ (R_U from ⌊0.1N⌋, R_V from ⌊0.1M⌋
 * random Givens rotations); the Haar variant is W' = O₁WO₂ᵀ. Histograms: 1000 bins over W's range,
 * JS in nats with ε = 1e-9. The null is the JS between two independent N×M Gaussian inits of the
 * known σ (JS of histograms over the first one's range is scale-free, so σ only labels it), drawn
 * `nullSamples` times; p-values are (1 + #{null ≥ observed})/(1 + nullSamples).
 *
 * Random streams (each its own {@link Rng}, so results do not depend on evaluation order):
 * deriveSeed(seed, k) for k = 1 init Givens, 2 init Haar, 3 trained Givens, 4 trained Haar, 5 null.
 *
 * @module
 */

import type { Matrix64 } from "../linalg/mod.ts";
import { deriveSeed, Rng } from "../random/mod.ts";
import {
  type HistogramDivergence,
  noiseFloor,
  nullDivergence,
  rotationDivergence,
} from "../reciprocal/rotation.ts";
import type { RotationAnalysis, RotationMeasurement } from "./schema.ts";

/** Histogram bins of the rotation test (SCIENCE.md §5). */
export const ROTATION_BINS = 1000;
/** ε added to every normalized bin. */
export const ROTATION_EPSILON = 1e-9;
/** Givens rotations per side as a fraction of the dimension. */
export const GIVENS_FRACTION = 0.1;

/** Options of {@link analyzeRotation}. */
export interface RotationAnalysisOptions {
  /** Seed of the test's random streams (see the module docs). */
  readonly seed: number;
  /** Pairs of independent Gaussian inits for the null (≥ 1). */
  readonly nullSamples: number;
  /** σ of the null's Gaussian inits (the run's init σ). */
  readonly sigma: number;
  /** Histogram bins (default {@link ROTATION_BINS}); tests on tiny matrices may use fewer. */
  readonly bins?: number;
}

/** Sample mean, standard deviation (n − 1), empirical 95% quantile and maximum. */
function describe(values: number[]) {
  const n = values.length;
  const mean = values.reduce((s, x) => s + x, 0) / n;
  const variance = n > 1 ? values.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) : 0;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    mean,
    standardDeviation: Math.sqrt(variance),
    quantile95: sorted[Math.max(0, Math.ceil(0.95 * n) - 1)],
    max: sorted[n - 1],
  };
}

/**
 * Rotation JS (Givens and Haar) of the init and trained W with the null of the same shape.
 *
 * @example A Gaussian "trained" W is indistinguishable from its null
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import { Rng } from "../random/mod.ts";
 * import { analyzeRotation } from "./symmetry.ts";
 * const rng = new Rng(1);
 * const gaussian = () => matrix(60, 20, Array.from({ length: 1200 }, () => 0.01 * rng.nextNormal()));
 * const r = analyzeRotation(gaussian(), gaussian(), { seed: 2, nullSamples: 20, sigma: 0.01, bins: 30 });
 * console.assert(r.trained.givens.pValue > 0.01 && r.null.samples === 20);
 * ```
 */
export function analyzeRotation(
  initWeights: Matrix64,
  trainedWeights: Matrix64,
  options: RotationAnalysisOptions,
): RotationAnalysis {
  const { seed, nullSamples, sigma, bins = ROTATION_BINS } = options;
  if (!Number.isInteger(nullSamples) || nullSamples < 1) {
    throw new RangeError(
      `Cannot simulate the rotation null as the number of null samples must be a positive integer: current value is ${nullSamples}`,
    );
  }
  if (initWeights.rows !== trainedWeights.rows || initWeights.cols !== trainedWeights.cols) {
    throw new RangeError(
      `Cannot compare init and trained W as their shapes must agree: current value is [${initWeights.rows}, ${initWeights.cols}] and [${trainedWeights.rows}, ${trainedWeights.cols}]`,
    );
  }
  const rows = trainedWeights.rows, cols = trainedWeights.cols;
  const common = { bins, epsilon: ROTATION_EPSILON };
  const nullRng = new Rng(deriveSeed(seed, 5));
  const nullValues: number[] = [];
  for (let r = 0; r < nullSamples; r++) {
    nullValues.push(nullDivergence(rows, cols, sigma, nullRng, common).jensenShannon);
  }
  const measure = (w: Matrix64, method: "givens" | "haar", stream: number) => {
    const d: HistogramDivergence = rotationDivergence(w, new Rng(deriveSeed(seed, stream)), {
      ...common,
      method,
      fraction: GIVENS_FRACTION,
    });
    const exceed = nullValues.filter((x) => x >= d.jensenShannon).length;
    const out: RotationMeasurement = {
      jensenShannon: d.jensenShannon,
      kullbackLeibler: d.kullbackLeibler,
      outOfRange: d.outOfRange,
      pValue: (1 + exceed) / (1 + nullSamples),
    };
    return out;
  };
  return {
    bins,
    epsilon: ROTATION_EPSILON,
    givensFraction: GIVENS_FRACTION,
    noiseFloor: noiseFloor(rows, cols, bins),
    null: { samples: nullSamples, sigma, ...describe(nullValues) },
    init: { givens: measure(initWeights, "givens", 1), haar: measure(initWeights, "haar", 2) },
    trained: {
      givens: measure(trainedWeights, "givens", 3),
      haar: measure(trainedWeights, "haar", 4),
    },
  };
}
