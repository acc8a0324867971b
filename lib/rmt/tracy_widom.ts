/**
 * Tracy–Widom (β = 1) edge statistics for the largest eigenvalue of a white Wishart matrix.
 *
 * Johnstone (2001, Ann. Statist. 29, 295–327, Theorem 1.1): for X an n × p matrix (n ≥ p here) of
 * iid N(0, 1) entries and ℓ₁ the largest eigenvalue of XᵀX,
 *   (ℓ₁ − μ_np)/σ_np → TW1,  μ_np = (√(n−1) + √p)²,  σ_np = (√(n−1) + √p)(1/√(n−1) + 1/√p)^{1/3}.
 * With entries of variance σ² both constants scale by σ². Upper TW1 quantiles s_α, P(TW1 > s_α) = α,
 * are tabulated in {@link TRACY_WIDOM_1_UPPER_QUANTILES}: computed for this project by Bornemann's
 * Fredholm-determinant quadrature (F1(s) = det(I − K), K(x, y) = ½Ai((x + y)/2) on L²(s, ∞);
 * Bornemann 2010, Math. Comp. 79, 871–915) with 160 Gauss–Legendre nodes, converged to 1e-13
 * (fixtures/rmt/make_fixtures.py, tracy_widom.json); they agree with Johnstone (2001) Table 1 to its
 * four decimals (0.4501, 0.9793, 2.0234 at 90%, 95%, 99%).
 *
 * @module
 */

import { checkShape, type MatrixShape } from "./_shape.ts";

/** The per-matrix false-alarm probabilities for which a TW1 quantile is tabulated. */
export type FalseAlarmLevel = 0.1 | 0.05 | 0.01 | 0.005 | 0.001;

/**
 * Upper quantiles s_α of the TW1 law, P(TW1 > s_α) = α, keyed by α (see the module docs for their
 * provenance).
 *
 * @example The 1% point
 * ```ts
 * import { TRACY_WIDOM_1_UPPER_QUANTILES } from "./tracy_widom.ts";
 * console.assert(Math.abs(TRACY_WIDOM_1_UPPER_QUANTILES[0.01] - 2.0234) < 1e-4);
 * ```
 */
export const TRACY_WIDOM_1_UPPER_QUANTILES: Readonly<Record<FalseAlarmLevel, number>> = {
  0.1: 0.45014328905833,
  0.05: 0.97931605346963,
  0.01: 2.02344928138027,
  0.005: 2.42232658589643,
  0.001: 3.27219605900224,
};

/**
 * The TW1 upper quantile s_α for a tabulated false-alarm level α.
 *
 * @example 5% false-alarm level
 * ```ts
 * import { tracyWidom1UpperQuantile } from "./tracy_widom.ts";
 * console.assert(Math.abs(tracyWidom1UpperQuantile(0.05) - 0.9793) < 1e-4);
 * ```
 */
export function tracyWidom1UpperQuantile(falseAlarm: FalseAlarmLevel): number {
  const s = TRACY_WIDOM_1_UPPER_QUANTILES[falseAlarm];
  if (s === undefined) {
    throw new RangeError(
      `Cannot look up a Tracy–Widom quantile as the false-alarm level must be one of ${
        Object.keys(TRACY_WIDOM_1_UPPER_QUANTILES).join(", ")
      }: current value is ${falseAlarm}`,
    );
  }
  return s;
}

/** Johnstone's centering μ_np and scaling σ_np (for unit-variance entries). */
export interface EdgeScaling {
  /** μ_np = (√(n−1) + √p)². */
  readonly center: number;
  /** σ_np = (√(n−1) + √p)(1/√(n−1) + 1/√p)^{1/3}. */
  readonly scale: number;
}

/**
 * Johnstone's centering and scaling of the largest Gram eigenvalue for an N×M matrix with unit
 * variance entries, n = max(N, M) ≥ 2, p = min(N, M).
 *
 * @example Centering is just below the MP edge (√n + √p)²
 * ```ts
 * import { johnstoneEdgeScaling } from "./tracy_widom.ts";
 * const { center, scale } = johnstoneEdgeScaling({ numRows: 784, numCols: 500 });
 * console.assert(center < (28 + Math.sqrt(500)) ** 2 && scale > 0);
 * ```
 */
export function johnstoneEdgeScaling(shape: MatrixShape): EdgeScaling {
  const [n, p] = checkShape(shape, "compute the Tracy–Widom scaling");
  if (n < 2) {
    throw new RangeError(
      `Cannot compute the Tracy–Widom scaling as max(N, M) must be at least 2: current value is ${n}`,
    );
  }
  const a = Math.sqrt(n - 1);
  const b = Math.sqrt(p);
  return { center: (a + b) * (a + b), scale: (a + b) * Math.cbrt(1 / a + 1 / b) };
}

/**
 * Threshold on the largest Gram eigenvalue μ₁ = λ₁² of an N×M matrix with iid N(0, σ²) entries
 * that is exceeded with probability ≈ α: σ²(μ_np + s_α σ_np).
 *
 * @example The 1% threshold for a 784×500 matrix at σ = 0.01, as a singular value
 * ```ts
 * import { largestEigenvalueThreshold } from "./tracy_widom.ts";
 * const mu = largestEigenvalueThreshold({ numRows: 784, numCols: 500 }, 0.01, 0.01);
 * console.assert(Math.sqrt(mu) > 0.5036 && Math.sqrt(mu) < 0.52);
 * ```
 */
export function largestEigenvalueThreshold(
  shape: MatrixShape,
  sigma: number,
  falseAlarm: FalseAlarmLevel,
): number {
  if (!(sigma > 0) || !Number.isFinite(sigma)) {
    throw new RangeError(
      `Cannot compute the Tracy–Widom threshold as sigma must be finite and positive: current value is ${sigma}`,
    );
  }
  const { center, scale } = johnstoneEdgeScaling(shape);
  return sigma * sigma * (center + tracyWidom1UpperQuantile(falseAlarm) * scale);
}
