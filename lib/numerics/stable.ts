/**
 * Numerically stable scalar kernels in Float64: softplus, (log-)sigmoid, log-sum-exp and compensated
 * summation. Every module that needs one of these imports it from here instead of re-deriving it
 * inline, so that both tails of every function are handled in one place.
 *
 * Conventions: NaN in gives NaN out; ±Infinity is handled as the mathematical limit.
 *
 * @module
 */

/**
 * softplus(x) = ln(1 + eˣ), computed as max(x, 0) + log1p(e^(−|x|)): no overflow for large x, full
 * relative precision for very negative x (where softplus(x) ≈ eˣ) and near 0.
 *
 * @param x Any real number.
 * @returns ln(1 + eˣ) ≥ 0 (Infinity for x = Infinity, 0 for x = −Infinity).
 *
 * @example Both tails
 * ```ts
 * import { softplus } from "./stable.ts";
 * console.assert(softplus(800) === 800); // ln(1 + e⁸⁰⁰) = 800 + ln(1 + e⁻⁸⁰⁰)
 * console.assert(Math.abs(softplus(-40) / Math.exp(-40) - 1) < 1e-15);
 * console.assert(Math.abs(softplus(0) - Math.LN2) < 1e-16);
 * ```
 */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/**
 * ln σ(x) = −softplus(−x), the log of the logistic function, stable in both tails
 * (≈ x for very negative x, ≈ −e^(−x) for large x).
 *
 * @param x Any real number.
 * @returns ln(1 / (1 + e^(−x))) ≤ 0.
 *
 * @example Log-probability of a unit being on
 * ```ts
 * import { logSigmoid } from "./stable.ts";
 * console.assert(logSigmoid(-800) === -800);
 * console.assert(Math.abs(logSigmoid(0) + Math.LN2) < 1e-16);
 * ```
 */
export function logSigmoid(x: number): number {
  return -softplus(-x);
}

/**
 * The logistic function σ(x) = 1 / (1 + e^(−x)), stable in both tails: for x < 0 it is evaluated as
 * eˣ / (1 + eˣ), so tiny probabilities keep full relative precision instead of rounding to 0 early.
 *
 * @param x Any real number.
 * @returns σ(x) in [0, 1].
 *
 * @example Probabilities in both tails
 * ```ts
 * import { sigmoid } from "./stable.ts";
 * console.assert(sigmoid(0) === 0.5);
 * console.assert(sigmoid(800) === 1 && sigmoid(-800) === 0);
 * console.assert(Math.abs(sigmoid(-700) / Math.exp(-700) - 1) < 1e-15);
 * ```
 */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * ln(eᵃ + eᵇ) without overflow or underflow: max(a, b) + log1p(e^(−|a − b|)).
 *
 * @param a A log-value (may be −Infinity, meaning a zero term).
 * @param b A log-value (may be −Infinity, meaning a zero term).
 * @returns ln(eᵃ + eᵇ); −Infinity when both are −Infinity, Infinity when either is Infinity.
 *
 * @example Adding probabilities stored as logs
 * ```ts
 * import { logAddExp } from "./stable.ts";
 * console.assert(Math.abs(logAddExp(Math.log(0.25), Math.log(0.5)) - Math.log(0.75)) < 1e-15);
 * console.assert(logAddExp(-Infinity, 3) === 3);
 * console.assert(logAddExp(1000, 1000) === 1000 + Math.LN2);
 * ```
 */
export function logAddExp(a: number, b: number): number {
  const m = Math.max(a, b);
  // Both −Infinity (a zero plus a zero), or an infinite maximum: a − b would be NaN or ±Infinity.
  if (m === -Infinity || m === Infinity) return m;
  return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/**
 * ln Σₖ e^(xₖ), computed stably as m + ln Σₖ e^(xₖ − m) with m = maxₖ xₖ and a compensated inner sum.
 *
 * Edge cases: an empty input is the log of an empty sum, ln 0 = −Infinity (the identity of
 * {@link logAddExp}); entries equal to −Infinity are zero terms and are skipped; if every entry is
 * −Infinity the result is −Infinity; any +Infinity entry gives Infinity; any NaN gives NaN.
 *
 * @param values Log-values, any length.
 * @returns ln Σₖ e^(xₖ).
 *
 * @example Normalizing log-weights
 * ```ts
 * import { logSumExp } from "./stable.ts";
 * const logWeights = new Float64Array([-1000, -1000 + Math.log(3)]);
 * console.assert(Math.abs(logSumExp(logWeights) - (-1000 + Math.log(4))) < 1e-12);
 * console.assert(logSumExp([]) === -Infinity);
 * console.assert(logSumExp([-Infinity, -Infinity]) === -Infinity);
 * ```
 */
export function logSumExp(values: ArrayLike<number>): number {
  const n = values.length;
  let m = -Infinity;
  for (let k = 0; k < n; k++) {
    const x = values[k];
    if (Number.isNaN(x)) return NaN;
    if (x > m) m = x;
  }
  if (m === -Infinity || m === Infinity) return m;
  // Neumaier summation of the (positive) terms e^(xₖ − m) ≤ 1; the maximum contributes exactly 1.
  let total = 0;
  let compensation = 0;
  for (let k = 0; k < n; k++) {
    const term = Math.exp(values[k] - m);
    const t = total + term;
    compensation += total >= term ? (total - t) + term : (term - t) + total;
    total = t;
  }
  return m + Math.log(total + compensation);
}

/**
 * Σₖ xₖ with Neumaier's compensated (improved Kahan–Babuška) summation: the error does not grow with
 * the number of terms, and cancellation such as [1, 1e100, 1, −1e100] still gives 2.
 *
 * Non-finite inputs give the IEEE result of plain summation (Infinity, −Infinity or NaN).
 *
 * @param values Terms, any length (an empty input sums to 0).
 * @returns The sum, correct to about one rounding of the result.
 *
 * @example Cancellation that naive summation loses
 * ```ts
 * import { sum } from "./stable.ts";
 * console.assert(sum([1, 1e100, 1, -1e100]) === 2);
 * console.assert(sum(new Float64Array(10).fill(0.1)) === 1);
 * ```
 */
export function sum(values: ArrayLike<number>): number {
  const n = values.length;
  let total = 0;
  let compensation = 0;
  for (let k = 0; k < n; k++) {
    const x = values[k];
    const t = total + x;
    compensation += Math.abs(total) >= Math.abs(x) ? (total - t) + x : (x - t) + total;
    total = t;
  }
  if (!Number.isFinite(total)) {
    // The compensation is meaningless (NaN) once the running sum overflows; report the IEEE sum.
    let plain = 0;
    for (let k = 0; k < n; k++) plain += values[k];
    return plain;
  }
  return total + compensation;
}
