/**
 * The rotational-symmetry test of SCIENCE.md §5. The law of a Gaussian W is invariant under
 * W → O₁WO₂ᵀ; training breaks this. The authors' test rotates the singular-vector matrices with a
 * few random Givens rotations, rebuilds W', and compares the histograms of W's and W''s entries by
 * the Jensen–Shannon divergence.
 *
 * Choices made here (documented): we use the orthogonal conjugation form
 * W' = (R_U U R_Uᵀ) Σ (R_V V R_Vᵀ)ᵀ (the authors' code forms (R_U U R_Uᵀ) Σ (R_V Vᵀ R_V), which gives the
 * same noise floor within noise). Histograms have `bins` equal-width bins spanning [min W, max W];
 * entries of W' outside that range are dropped (their fraction is reported as `outOfRange`) and
 * each histogram is normalized to sum 1. JS and KL are the authors' ε-smoothed formulas (natural log,
 * ε = 1e-9) of lib/stats/divergence.ts. All randomness comes from the {@link Rng} passed in.
 *
 * @module
 */

import { matrix, type Matrix64, multiply, qr, svd, transpose } from "../linalg/mod.ts";
import type { Rng } from "../random/mod.ts";
import {
  histogram,
  jensenShannonDivergence,
  jensenShannonNoiseFloor,
  klDivergence,
  normalizeCounts,
  uniformBinEdges,
} from "../stats/divergence.ts";

/** A Givens rotation by `angle` in the (i, j) plane: xᵢ ← cos·xᵢ − sin·xⱼ, xⱼ ← sin·xᵢ + cos·xⱼ. */
export interface GivensRotation {
  /** First coordinate of the plane (0-based). */
  readonly i: number;
  /** Second coordinate of the plane (0-based, ≠ i). */
  readonly j: number;
  /** cos of the rotation angle. */
  readonly cos: number;
  /** sin of the rotation angle. */
  readonly sin: number;
}

/**
 * `count` random Givens rotations in dimension n: each plane (i, j), i ≠ j, uniform among ordered
 * pairs, each angle uniform in [0, 2π). Their product R = G_count⋯G₁ is what
 * {@link givensMatrix} forms and {@link conjugateByGivens} applies.
 *
 * @example Ten rotations in dimension 5
 * ```ts
 * import { Rng } from "../random/mod.ts";
 * import { randomGivensRotations } from "./rotation.ts";
 * const g = randomGivensRotations(5, 10, new Rng(1));
 * console.assert(g.length === 10 && g.every((r) => r.i !== r.j));
 * ```
 */
export function randomGivensRotations(n: number, count: number, rng: Rng): GivensRotation[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(
      `Cannot draw Givens rotations as the count must be a non-negative integer: current value is ${count}`,
    );
  }
  if (count > 0 && !(Number.isInteger(n) && n >= 2)) {
    throw new RangeError(
      `Cannot draw Givens rotations as the dimension must be an integer ≥ 2: current value is ${n}`,
    );
  }
  const out: GivensRotation[] = [];
  for (let k = 0; k < count; k++) {
    const i = rng.nextInt(n);
    let j = rng.nextInt(n - 1);
    if (j >= i) j++;
    const angle = 2 * Math.PI * rng.nextDouble();
    out.push({ i, j, cos: Math.cos(angle), sin: Math.sin(angle) });
  }
  return out;
}

function rotateRows(a: Matrix64, g: GivensRotation): void {
  const { cols, data } = a;
  const ri = g.i * cols, rj = g.j * cols;
  for (let c = 0; c < cols; c++) {
    const x = data[ri + c], y = data[rj + c];
    data[ri + c] = g.cos * x - g.sin * y;
    data[rj + c] = g.sin * x + g.cos * y;
  }
}

/** A ← A Gᵀ: columns i and j mix as (cos·aᵢ − sin·aⱼ, sin·aᵢ + cos·aⱼ). */
function rotateColumns(a: Matrix64, g: GivensRotation): void {
  const { rows, cols, data } = a;
  for (let r = 0; r < rows; r++) {
    const o = r * cols, x = data[o + g.i], y = data[o + g.j];
    data[o + g.i] = g.cos * x - g.sin * y;
    data[o + g.j] = g.sin * x + g.cos * y;
  }
}

/**
 * The dense n×n product R = G_k⋯G₁ of the given rotations (G₁ applied first).
 *
 * @example A quarter turn in the plane
 * ```ts
 * import { givensMatrix } from "./rotation.ts";
 * const r = givensMatrix(2, [{ i: 0, j: 1, cos: 0, sin: 1 }]);
 * console.assert(r.data[0] === 0 && r.data[1] === -1 && r.data[2] === 1 && r.data[3] === 0);
 * ```
 */
export function givensMatrix(n: number, rotations: readonly GivensRotation[]): Matrix64 {
  const out = matrix(n, n);
  for (let i = 0; i < n; i++) out.data[i * n + i] = 1;
  for (const g of rotations) rotateRows(out, g);
  return out;
}

/**
 * The conjugation R A Rᵀ for square A and R = G_k⋯G₁, in O(k·n) without forming R.
 *
 * @example Conjugating the identity leaves it unchanged
 * ```ts
 * import { identity, maxAbsDifference } from "../linalg/mod.ts";
 * import { Rng } from "../random/mod.ts";
 * import { conjugateByGivens, randomGivensRotations } from "./rotation.ts";
 * const g = randomGivensRotations(4, 3, new Rng(2));
 * console.assert(maxAbsDifference(conjugateByGivens(identity(4), g), identity(4)) < 1e-15);
 * ```
 */
export function conjugateByGivens(a: Matrix64, rotations: readonly GivensRotation[]): Matrix64 {
  if (a.rows !== a.cols) {
    throw new RangeError(
      `Cannot conjugate by Givens rotations as the matrix must be square: current value is [${a.rows}, ${a.cols}]`,
    );
  }
  const out = matrix(a.rows, a.cols, a.data.slice());
  for (const g of rotations) rotateRows(out, g);
  for (const g of rotations) rotateColumns(out, g);
  return out;
}

/**
 * A Haar-distributed n×n orthogonal matrix: Q of the QR decomposition of an iid N(0, 1) matrix,
 * with column i multiplied by sign(Rᵢᵢ) (Mezzadri 2007) so that the law is exactly Haar.
 *
 * @example It is orthogonal
 * ```ts
 * import { identity, maxAbsDifference, transposeMultiply } from "../linalg/mod.ts";
 * import { Rng } from "../random/mod.ts";
 * import { haarOrthogonal } from "./rotation.ts";
 * const o = haarOrthogonal(5, new Rng(3));
 * console.assert(maxAbsDifference(transposeMultiply(o, o), identity(5)) < 1e-14);
 * ```
 */
export function haarOrthogonal(n: number, rng: Rng): Matrix64 {
  const g = matrix(n, n);
  for (let i = 0; i < g.data.length; i++) g.data[i] = rng.nextNormal();
  const { q, r } = qr(g);
  for (let c = 0; c < n; c++) {
    if (r.data[c * n + c] < 0) {
      for (let i = 0; i < n; i++) q.data[i * n + c] = -q.data[i * n + c];
    }
  }
  return q;
}

/** The first `count` columns of A, each scaled by `scale[c]` when given. */
function leadingColumns(a: Matrix64, count: number, scale?: ArrayLike<number>): Matrix64 {
  const out = matrix(a.rows, count);
  for (let i = 0; i < a.rows; i++) {
    for (let c = 0; c < count; c++) {
      out.data[i * count + c] = a.data[i * a.cols + c] * (scale ? scale[c] : 1);
    }
  }
  return out;
}

/**
 * The authors' rotated weights W' = (R_U U R_Uᵀ) Σ (R_V V R_Vᵀ)ᵀ, R_U from ⌊fraction·N⌋ and R_V from
 * ⌊fraction·M⌋ random Givens rotations (default fraction 0.1), using the full SVD of W.
 *
 * @example Shape is preserved
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import { Rng } from "../random/mod.ts";
 * import { givensRotatedWeights } from "./rotation.ts";
 * const w = matrix(20, 10, Array.from({ length: 200 }, (_, k) => Math.sin(k)));
 * const rotated = givensRotatedWeights(w, new Rng(4));
 * console.assert(rotated.rows === 20 && rotated.cols === 10);
 * ```
 */
export function givensRotatedWeights(w: Matrix64, rng: Rng, fraction = 0.1): Matrix64 {
  if (!(fraction >= 0)) {
    throw new RangeError(
      `Cannot rotate weights as the rotation fraction must be ≥ 0: current value is ${fraction}`,
    );
  }
  const n = w.rows, m = w.cols;
  const { u, singularValues, v } = svd(w);
  const rotationsU = randomGivensRotations(n, Math.floor(fraction * n), rng);
  const rotationsV = randomGivensRotations(m, Math.floor(fraction * m), rng);
  const u2 = conjugateByGivens(u, rotationsU);
  const v2 = conjugateByGivens(v, rotationsV);
  const l = singularValues.length;
  return multiply(leadingColumns(u2, l, singularValues), transpose(leadingColumns(v2, l)));
}

/**
 * The Haar-rotated weights W' = O₁WO₂ᵀ with independent Haar O₁ (N×N) and O₂ (M×M).
 *
 * @example Frobenius norm is preserved
 * ```ts
 * import { frobeniusNorm, matrix } from "../linalg/mod.ts";
 * import { Rng } from "../random/mod.ts";
 * import { haarRotatedWeights } from "./rotation.ts";
 * const w = matrix(3, 2, [1, 2, 3, 4, 5, 6]);
 * const rotated = haarRotatedWeights(w, new Rng(5));
 * console.assert(Math.abs(frobeniusNorm(rotated) - frobeniusNorm(w)) < 1e-12);
 * ```
 */
export function haarRotatedWeights(w: Matrix64, rng: Rng): Matrix64 {
  const o1 = haarOrthogonal(w.rows, rng);
  const o2 = haarOrthogonal(w.cols, rng);
  return multiply(multiply(o1, w), transpose(o2));
}

/** Result of {@link histogramDivergence}. */
export interface HistogramDivergence {
  /** Jensen–Shannon divergence (nats) between the reference and other histograms. */
  readonly jensenShannon: number;
  /** KL(reference ‖ other) in nats. */
  readonly kullbackLeibler: number;
  /** Fraction of `other`'s values outside the reference range (dropped before normalizing). */
  readonly outOfRange: number;
}

/**
 * Compares the entry histograms of two samples: `bins` equal-width bins over the reference's range,
 * the other sample on the same edges (values outside dropped), both normalized, then
 * Jensen–Shannon and KL with ε per bin (see the module doc for the exact formulas).
 *
 * @example Identical samples have (up to the ε smoothing) zero divergence
 * ```ts
 * import { histogramDivergence } from "./rotation.ts";
 * const d = histogramDivergence([0, 1, 2, 3], [0, 1, 2, 3], 4);
 * console.assert(d.jensenShannon < 1e-8 && d.kullbackLeibler === 0 && d.outOfRange === 0);
 * ```
 */
export function histogramDivergence(
  reference: ArrayLike<number>,
  other: ArrayLike<number>,
  bins = 1000,
  epsilon = 1e-9,
): HistogramDivergence {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(
      `Cannot build histograms as bins must be a positive integer: current value is ${bins}`,
    );
  }
  if (!(epsilon >= 0)) {
    throw new RangeError(`Cannot compare histograms as ε must be ≥ 0: current value is ${epsilon}`);
  }
  let lo = Infinity, hi = -Infinity;
  for (let k = 0; k < reference.length; k++) {
    const x = reference[k];
    if (!Number.isFinite(x)) {
      throw new RangeError(
        `Cannot build histograms as values must be finite: current value is ${x} at ${k}`,
      );
    }
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  if (!(hi > lo)) {
    throw new RangeError(
      `Cannot build histograms as the reference range must be non-empty: current value is [${lo}, ${hi}]`,
    );
  }
  const edges = uniformBinEdges(lo, hi, bins);
  const q = histogram(other, edges);
  const outside = q.numBelow + q.numAbove;
  if (outside === other.length) {
    throw new RangeError(
      `Cannot compare histograms as no value of the other sample lies in the reference range: current value is [${lo}, ${hi}]`,
    );
  }
  const pNormalized = normalizeCounts(histogram(reference, edges).counts);
  const qNormalized = normalizeCounts(q.counts);
  return {
    jensenShannon: jensenShannonDivergence(pNormalized, qNormalized, { epsilon }),
    kullbackLeibler: klDivergence(pNormalized, qNormalized, { epsilon }),
    outOfRange: outside / other.length,
  };
}

/**
 * The approximate JS noise floor (bins − 1)/(4·rows·cols) between histograms of two independent
 * samples of rows·cols values from the same law: ≈ 6e-4 for 784×500 and ≈ 5e-3 for 784×64 at 1000
 * bins. Always compare a measured divergence with the null of the same shape.
 *
 * @example 784×500 at 1000 bins
 * ```ts
 * import { noiseFloor } from "./rotation.ts";
 * console.assert(Math.abs(noiseFloor(784, 500) - 6.37e-4) < 1e-6);
 * ```
 */
export function noiseFloor(rows: number, cols: number, bins = 1000): number {
  return jensenShannonNoiseFloor(bins, rows * cols, rows * cols);
}

/** Options for {@link rotationDivergence} and {@link nullDivergence}. */
export interface RotationHistogramOptions {
  /** Histogram bins over W's range (default 1000). */
  readonly bins?: number;
  /** ε added to every normalized bin (default 1e-9). */
  readonly epsilon?: number;
}

/** Options for {@link rotationDivergence}. */
export interface RotationOptions extends RotationHistogramOptions {
  /** "givens" (the authors' test, default) or "haar" (W' = O₁WO₂ᵀ). */
  readonly method?: "givens" | "haar";
  /** Givens rotations per side as a fraction of the dimension (default 0.1). */
  readonly fraction?: number;
}

/** Result of {@link rotationDivergence}. */
export interface RotationDivergence extends HistogramDivergence {
  /** (bins − 1)/(4NM), the approximate floor for an unstructured W of this shape. */
  readonly noiseFloor: number;
}

/**
 * The rotational-symmetry-breaking statistic of W: JS (and KL) between the entry histograms of W
 * and of a randomly rotated W' (Givens conjugation by default, or Haar).
 *
 * @example A Gaussian W sits near the noise floor
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import { Rng } from "../random/mod.ts";
 * import { rotationDivergence } from "./rotation.ts";
 * const rng = new Rng(6);
 * const w = matrix(40, 30, Array.from({ length: 1200 }, () => 0.01 * rng.nextNormal()));
 * const d = rotationDivergence(w, rng, { bins: 20 });
 * console.assert(d.jensenShannon < 10 * d.noiseFloor);
 * ```
 */
export function rotationDivergence(
  w: Matrix64,
  rng: Rng,
  options: RotationOptions = {},
): RotationDivergence {
  const { method = "givens", bins = 1000, epsilon = 1e-9, fraction = 0.1 } = options;
  const rotated = method === "haar"
    ? haarRotatedWeights(w, rng)
    : givensRotatedWeights(w, rng, fraction);
  return {
    ...histogramDivergence(w.data, rotated.data, bins, epsilon),
    noiseFloor: noiseFloor(w.rows, w.cols, bins),
  };
}

/**
 * The null of the rotation test: JS (and KL) between the entry histograms of two independent
 * rows×cols matrices with iid N(0, σ²) entries (edges over the first one's range).
 *
 * @example The null for a small shape
 * ```ts
 * import { Rng } from "../random/mod.ts";
 * import { noiseFloor, nullDivergence } from "./rotation.ts";
 * const d = nullDivergence(40, 30, 0.01, new Rng(7), { bins: 20 });
 * console.assert(d.jensenShannon > 0 && d.jensenShannon < 10 * noiseFloor(40, 30, 20));
 * ```
 */
export function nullDivergence(
  rows: number,
  cols: number,
  standardDeviation: number,
  rng: Rng,
  options: RotationHistogramOptions = {},
): HistogramDivergence {
  if (!(standardDeviation > 0)) {
    throw new RangeError(
      `Cannot draw the null as σ must be > 0: current value is ${standardDeviation}`,
    );
  }
  const { bins = 1000, epsilon = 1e-9 } = options;
  const a = new Float64Array(rows * cols), b = new Float64Array(rows * cols);
  rng.fillNormal(a, standardDeviation);
  rng.fillNormal(b, standardDeviation);
  return histogramDivergence(a, b, bins, epsilon);
}
