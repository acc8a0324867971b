/**
 * Stable Float64 numerics shared by every module: softplus, (log-)sigmoid, log-sum-exp and
 * compensated summation.
 *
 * @example Stable kernels
 * ```ts
 * import { logSumExp, softplus, sum } from "./mod.ts";
 * console.assert(softplus(800) === 800);
 * console.assert(logSumExp([]) === -Infinity);
 * console.assert(sum([1, 1e100, 1, -1e100]) === 2);
 * ```
 *
 * @module
 */
export { logAddExp, logSigmoid, logSumExp, sigmoid, softplus, sum } from "./stable.ts";
