/**
 * Reciprocal-space summaries of a trained model: the exact Gaussian-limit moments of x = Uᵀv and
 * y = Vᵀh under uniform binary states (SCIENCE.md §7, lib/reciprocal/gaussian_limit.ts) and the
 * per-mode saddle points (SCIENCE.md §3, lib/reciprocal/saddle.ts). Kurtosis is always Pearson
 * (3 for a normal law), never excess.
 *
 * @module
 */

import type { Matrix64 } from "../linalg/mod.ts";
import { exactReciprocalMoments, haarKurtosis } from "../reciprocal/gaussian_limit.ts";
import { saddlePoints } from "../reciprocal/saddle.ts";
import type { Reciprocal } from "../reciprocal/transform.ts";
import type { GaussianLimitAnalysis, SaddleAnalysis, SideMoments } from "./schema.ts";

/** How many leading paired modes the per-mode lists hold by default. */
export const DEFAULT_REPORTED_MODES = 4;

function sideMoments(
  basis: Matrix64,
  singularValues: Float64Array,
  reported: number,
): SideMoments {
  const paired = singularValues.length;
  const m = exactReciprocalMoments(basis, paired);
  const indices = [...new Set([...Array(Math.min(reported, paired)).keys(), paired - 1])]
    .filter((i) => i >= 0);
  let total = 0, min = Infinity;
  for (let i = 0; i < paired; i++) {
    total += m.kurtosis[i];
    min = Math.min(min, m.kurtosis[i]);
  }
  return {
    dimension: basis.rows,
    paired,
    modes: indices.map((i) => ({
      index: i,
      singularValue: singularValues[i],
      mean: m.mean[i],
      variance: m.variance[i],
      pearsonKurtosis: m.kurtosis[i],
    })),
    meanPearsonKurtosis: paired > 0 ? total / paired : NaN,
    minPearsonKurtosis: min,
    haarPearsonKurtosis: haarKurtosis(basis.rows),
    free: m.free === null ? null : {
      dimension: m.free.dimension,
      meanNorm: m.free.meanNorm,
      totalVariance: m.free.totalVariance,
      averagePearsonKurtosis: m.free.averageKurtosis,
    },
  };
}

/**
 * Exact moments of the reciprocal variables of both sides: for the first `reported` paired modes
 * and the last one, mean ½ΣU, variance ¼ and Pearson kurtosis 3 − 2ΣU⁴; the mean Pearson kurtosis
 * over all paired modes next to the Haar value 3 − 6/(n + 2); the free subspace as a whole.
 *
 * @example The reciprocal space of a random 50×10 W
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import { Rng } from "../random/mod.ts";
 * import { toReciprocal } from "../reciprocal/transform.ts";
 * import { gaussianLimitSummary } from "./reciprocal.ts";
 * const rng = new Rng(1);
 * const r = toReciprocal({
 *   weights: matrix(50, 10, Array.from({ length: 500 }, () => rng.nextNormal())),
 *   visibleBias: new Float64Array(50),
 *   hiddenBias: new Float64Array(10),
 * });
 * const g = gaussianLimitSummary(r);
 * console.assert(g.visible.modes.length === 5 && Math.abs(g.visible.modes[0].variance - 0.25) < 1e-12);
 * console.assert(g.visible.free!.dimension === 40 && g.hidden.free === null);
 * ```
 */
export function gaussianLimitSummary(
  r: Reciprocal,
  reported = DEFAULT_REPORTED_MODES,
): GaussianLimitAnalysis {
  return {
    visible: sideMoments(r.u, r.singularValues, reported),
    hidden: sideMoments(r.v, r.singularValues, reported),
  };
}

/**
 * The saddle energy Σ a₀b₀/λ of a model, its per-mode saddles for the first `reported` modes, and
 * the value logged during training for comparison.
 *
 * @example One mode
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import { toReciprocal } from "../reciprocal/transform.ts";
 * import { saddleSummary } from "./reciprocal.ts";
 * const r = toReciprocal({
 *   weights: matrix(1, 1, [2]),
 *   visibleBias: new Float64Array([1]),
 *   hiddenBias: new Float64Array([-4]),
 * });
 * const s = saddleSummary(r, -2);
 * console.assert(s.totalEnergy === -2 && s.modes[0].x === 2 && s.loggedTotalEnergy === -2);
 * ```
 */
export function saddleSummary(
  r: Reciprocal,
  loggedTotalEnergy: number | null,
  reported = DEFAULT_REPORTED_MODES,
): SaddleAnalysis {
  const s = saddlePoints(r);
  return {
    totalEnergy: s.totalEnergy,
    loggedTotalEnergy,
    pairedModes: s.modes.length,
    zeroModes: s.zeroModes.length,
    freeModes: s.freeModes,
    modes: s.modes.slice(0, reported).map((m) => ({
      index: m.index,
      singularValue: m.singularValue,
      x: m.x,
      y: m.y,
      energy: m.energy,
    })),
  };
}
