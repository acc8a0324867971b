/**
 * A typed layer over the parts of jStat (npm:jstat@1.9.6, shipped without TypeScript types) that
 * this project uses. jStat is used only where its accuracy suffices: its normal cdf loses relative
 * precision in the tails (Φ(−5) is off by 4e-11 and Φ(−10) returns 0), so tail work goes through
 * normal.ts instead; these wrappers serve as an independent cross-check in the body.
 *
 * @module
 */

import { jStat } from "../deps.ts";

/** The subset of jStat's normal distribution object that is used here. */
interface JStatNormal {
  pdf(x: number, mean: number, standardDeviation: number): number;
  cdf(x: number, mean: number, standardDeviation: number): number;
  inv(p: number, mean: number, standardDeviation: number): number;
}

/** The subset of the untyped jStat namespace that is used here. */
interface JStatSubset {
  normal: JStatNormal;
}

const typedJStat = jStat as unknown as JStatSubset;

/**
 * jStat's normal density (typed wrapper).
 *
 * @example Density at one standard deviation
 * ```ts
 * import { jStatNormalPdf } from "./jstat.ts";
 * console.assert(Math.abs(jStatNormalPdf(1, 0, 1) - 0.24197072451914337) < 1e-15);
 * ```
 */
export function jStatNormalPdf(x: number, mean: number, standardDeviation: number): number {
  return typedJStat.normal.pdf(x, mean, standardDeviation);
}

/**
 * jStat's normal cdf (typed wrapper; absolute accuracy ≈ 1e-15, poor relative accuracy in the tails).
 *
 * @example jStat's cdf underflows to 0 at −10 standard deviations
 * ```ts
 * import { jStatNormalCdf } from "./jstat.ts";
 * console.assert(jStatNormalCdf(-10, 0, 1) === 0); // the true value is 7.62e-24
 * ```
 */
export function jStatNormalCdf(x: number, mean: number, standardDeviation: number): number {
  return typedJStat.normal.cdf(x, mean, standardDeviation);
}

/**
 * jStat's normal quantile (typed wrapper).
 *
 * @example The 97.5% point
 * ```ts
 * import { jStatNormalQuantile } from "./jstat.ts";
 * console.assert(Math.abs(jStatNormalQuantile(0.975, 0, 1) - 1.959963984540054) < 1e-12);
 * ```
 */
export function jStatNormalQuantile(p: number, mean: number, standardDeviation: number): number {
  return typedJStat.normal.inv(p, mean, standardDeviation);
}
