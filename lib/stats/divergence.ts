/**
 * Histograms with given edges and the Kullback–Leibler / Jensen–Shannon divergences between them
 * (SCIENCE.md §5).
 *
 * Histogram convention (numpy.histogram's): bins [e₀, e₁), [e₁, e₂), …, [e_{B−1}, e_B] (the last bin
 * closed), values outside [e₀, e_B] are counted apart (below/above), not binned.
 *
 * Divergences use the natural log and the ε-smoothed formulas of the paper's authors
 * (jquetzalcoatl/RBM, scripts/symTools.jl, `div_(p, q, ϵ = 1e-9)`):
 *   KL(p‖q) = Σ p log((p + ε)/(q + ε)),
 *   JS(p, q) = ½[Σ p log(2(p + ε)/(p + q + ε)) + Σ q log(2(q + ε)/(p + q + ε))].
 * With ε = 0 they are the textbook definitions (0·log 0 = 0; KL = +∞ when q = 0 < p; 0 ≤ JS ≤ ln 2).
 * With ε > 0 the JS of a vector with itself is Σ p log((2p + 2ε)/(2p + ε)) ≤ ε·(occupied bins)/2, not
 * 0 (≤ 5e-7 for 1000 bins, far below the noise floor below).
 * For two independent histograms of K_a and K_b draws from the same law over B occupied bins, the
 * expected JS is ≈ (B − 1)(1/K_a + 1/K_b)/8 (a χ² expansion: JS ≈ Σ(p − q)²/(8m)), the "noise floor"
 * of {@link jensenShannonNoiseFloor}; (B − 1)/(4K) when K_a = K_b = K.
 *
 * @module
 */

/** Counts of a histogram with given edges. */
export interface Histogram {
  /** Edges e₀ < e₁ < … < e_B (a copy). */
  readonly edges: Float64Array;
  /** B counts. */
  readonly counts: Float64Array;
  /** Number of values < e₀. */
  readonly numBelow: number;
  /** Number of values > e_B. */
  readonly numAbove: number;
}

/** Options of the divergences. */
export interface DivergenceOptions {
  /** Smoothing ε added to every probability (default 1e-9, as the paper's authors). */
  readonly epsilon?: number;
}

/**
 * Default smoothing ε of the divergences (the paper's authors' ϵ).
 *
 * @example Passing the default explicitly changes nothing
 * ```ts
 * import { DEFAULT_DIVERGENCE_EPSILON, jensenShannonDivergence } from "./divergence.ts";
 * const p = [0.2, 0.8], q = [0.5, 0.5];
 * const a = jensenShannonDivergence(p, q);
 * console.assert(a === jensenShannonDivergence(p, q, { epsilon: DEFAULT_DIVERGENCE_EPSILON }));
 * ```
 */
export const DEFAULT_DIVERGENCE_EPSILON = 1e-9;

/**
 * B + 1 equally spaced edges from `min` to `max` (the last edge is exactly `max`).
 *
 * @example Four bins on [0, 1]
 * ```ts
 * import { uniformBinEdges } from "./divergence.ts";
 * const e = uniformBinEdges(0, 1, 4);
 * console.assert(e.length === 5 && e[1] === 0.25 && e[4] === 1);
 * ```
 */
export function uniformBinEdges(min: number, max: number, numBins: number): Float64Array {
  if (!Number.isInteger(numBins) || numBins < 1) {
    throw new RangeError(
      `Cannot make bin edges as the number of bins must be a positive integer: current value is ${numBins}`,
    );
  }
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(max > min)) {
    throw new RangeError(
      `Cannot make bin edges as the range must be finite with max > min: current value is [${min}, ${max}]`,
    );
  }
  const edges = new Float64Array(numBins + 1);
  const width = (max - min) / numBins;
  for (let i = 0; i < numBins; i++) edges[i] = min + i * width;
  edges[numBins] = max;
  return edges;
}

/**
 * Histogram of `values` over the given strictly increasing edges (numpy convention, see module
 * docs). NaN values are rejected.
 *
 * @example The right end belongs to the last bin, outside values are counted apart
 * ```ts
 * import { histogram } from "./divergence.ts";
 * const h = histogram([0, 0.5, 1, 2, 3, -1], [0, 1, 2, 3]);
 * console.assert(h.counts.join() === "2,1,2" && h.numBelow === 1 && h.numAbove === 0);
 * ```
 */
export function histogram(values: ArrayLike<number>, edges: ArrayLike<number>): Histogram {
  const e = Float64Array.from(edges);
  const numBins = e.length - 1;
  if (numBins < 1) {
    throw new RangeError(
      `Cannot build a histogram as at least two edges are needed: current value is ${e.length}`,
    );
  }
  for (let i = 0; i < e.length; i++) {
    if (!Number.isFinite(e[i]) || (i > 0 && !(e[i] > e[i - 1]))) {
      throw new RangeError(
        `Cannot build a histogram as edges must be finite and strictly increasing: current value is ${
          e[i]
        } at index ${i}`,
      );
    }
  }
  const counts = new Float64Array(numBins);
  let numBelow = 0;
  let numAbove = 0;
  const lo = e[0];
  const hi = e[numBins];
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) {
      throw new RangeError(
        `Cannot build a histogram as values must not be NaN: current value is NaN at index ${i}`,
      );
    }
    if (x < lo) {
      numBelow++;
      continue;
    }
    if (x > hi) {
      numAbove++;
      continue;
    }
    if (x === hi) {
      counts[numBins - 1]++;
      continue;
    }
    // Largest b with e[b] ≤ x.
    let a = 0;
    let b = numBins;
    while (b - a > 1) {
      const mid = (a + b) >> 1;
      if (e[mid] <= x) a = mid;
      else b = mid;
    }
    counts[a]++;
  }
  return { edges: e, counts, numBelow, numAbove };
}

/**
 * Normalizes non-negative counts to a probability vector (sum 1).
 *
 * @example Counts to probabilities
 * ```ts
 * import { normalizeCounts } from "./divergence.ts";
 * console.assert(normalizeCounts([1, 3]).join() === "0.25,0.75");
 * ```
 */
export function normalizeCounts(counts: ArrayLike<number>): Float64Array {
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (!(c >= 0) || !Number.isFinite(c)) {
      throw new RangeError(
        `Cannot normalize counts as they must be finite and non-negative: current value is ${c} at index ${i}`,
      );
    }
    total += c;
  }
  if (!(total > 0)) {
    throw new RangeError(
      `Cannot normalize counts as their total must be positive: current value is ${total}`,
    );
  }
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = counts[i] / total;
  return out;
}

function checkPair(p: ArrayLike<number>, q: ArrayLike<number>, what: string): void {
  if (p.length !== q.length || p.length === 0) {
    throw new RangeError(
      `Cannot compute ${what} as the vectors must have the same non-zero length: current value is [${p.length}, ${q.length}]`,
    );
  }
  for (const [name, v] of [["p", p], ["q", q]] as const) {
    let total = 0;
    for (let i = 0; i < v.length; i++) {
      if (!(v[i] >= 0) || !Number.isFinite(v[i])) {
        throw new RangeError(
          `Cannot compute ${what} as ${name} must be finite and non-negative: current value is ${
            v[i]
          } at index ${i}`,
        );
      }
      total += v[i];
    }
    if (Math.abs(total - 1) > 1e-9 * Math.max(1, v.length / 1000)) {
      throw new RangeError(
        `Cannot compute ${what} as ${name} must sum to 1 (use normalizeCounts): current value is ${total}`,
      );
    }
  }
}

function checkEpsilon(epsilon: number, what: string): void {
  if (!(epsilon >= 0) || !Number.isFinite(epsilon)) {
    throw new RangeError(
      `Cannot compute ${what} as epsilon must be finite and non-negative: current value is ${epsilon}`,
    );
  }
}

/**
 * Kullback–Leibler divergence KL(p‖q) = Σ p log((p + ε)/(q + ε)) in nats between probability
 * vectors (ε = 1e-9 by default, as the paper's authors; ε = 0 gives the textbook KL).
 *
 * @example KL between two coins
 * ```ts
 * import { klDivergence } from "./divergence.ts";
 * const kl = klDivergence([0.5, 0.5], [0.9, 0.1], { epsilon: 0 });
 * console.assert(Math.abs(kl - (0.5 * Math.log(0.5 / 0.9) + 0.5 * Math.log(5))) < 1e-15);
 * ```
 */
export function klDivergence(
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  options: DivergenceOptions = {},
): number {
  const eps = options.epsilon ?? DEFAULT_DIVERGENCE_EPSILON;
  checkEpsilon(eps, "the KL divergence");
  checkPair(p, q, "the KL divergence");
  let kl = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === 0) continue;
    kl += p[i] * Math.log((p[i] + eps) / (q[i] + eps));
  }
  return kl;
}

/**
 * Jensen–Shannon divergence in nats between probability vectors, with the authors' ε smoothing
 * (see module docs; ε = 1e-9 by default, ε = 0 gives the textbook JS, bounded by ln 2).
 *
 * @example Disjoint supports reach ln 2
 * ```ts
 * import { jensenShannonDivergence } from "./divergence.ts";
 * const js = jensenShannonDivergence([1, 0], [0, 1], { epsilon: 0 });
 * console.assert(Math.abs(js - Math.LN2) < 1e-15);
 * ```
 */
export function jensenShannonDivergence(
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  options: DivergenceOptions = {},
): number {
  const eps = options.epsilon ?? DEFAULT_DIVERGENCE_EPSILON;
  checkEpsilon(eps, "the Jensen–Shannon divergence");
  checkPair(p, q, "the Jensen–Shannon divergence");
  let a = 0;
  let b = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i];
    const qi = q[i];
    const mix = pi + qi + eps;
    if (pi > 0) a += pi * Math.log(2 * (pi + eps) / mix);
    if (qi > 0) b += qi * Math.log(2 * (qi + eps) / mix);
  }
  return 0.5 * (a + b);
}

/**
 * Expected Jensen–Shannon divergence between two independent histograms of `sizeA` and `sizeB`
 * draws from the same law with `numOccupiedBins` occupied bins: (B − 1)(1/K_a + 1/K_b)/8 (leading
 * order; see module docs).
 *
 * @example 1000 bins, 784×500 weights on both sides: ≈ 6.4e-4
 * ```ts
 * import { jensenShannonNoiseFloor } from "./divergence.ts";
 * const floor = jensenShannonNoiseFloor(1000, 784 * 500, 784 * 500);
 * console.assert(Math.abs(floor - 999 / (4 * 784 * 500)) < 1e-18);
 * ```
 */
export function jensenShannonNoiseFloor(
  numOccupiedBins: number,
  sizeA: number,
  sizeB: number,
): number {
  if (!Number.isInteger(numOccupiedBins) || numOccupiedBins < 1) {
    throw new RangeError(
      `Cannot compute the JS noise floor as the number of occupied bins must be a positive integer: current value is ${numOccupiedBins}`,
    );
  }
  if (!(sizeA > 0) || !(sizeB > 0)) {
    throw new RangeError(
      `Cannot compute the JS noise floor as the sample sizes must be positive: current value is [${sizeA}, ${sizeB}]`,
    );
  }
  return (numOccupiedBins - 1) * (1 / sizeA + 1 / sizeB) / 8;
}
