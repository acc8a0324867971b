/**
 * Mode identity across checkpoints (SCIENCE.md §2, §6): matching singular vectors by maximum
 * |overlap| (which absorbs the sign gauge and follows modes through crossings of their singular
 * values), and the hierarchical-learning summary of when each mode's λ first exceeds 4.
 *
 * Matching rule (greedy, documented): among all (previous, current) column pairs, repeatedly take
 * the pair with the largest |⟨previousᵢ, currentⱼ⟩| whose two columns are both still unassigned;
 * ties go to the smaller previous index, then the smaller current index. For the near-permutation
 * overlap matrices of consecutive checkpoints this agrees with the optimal (Hungarian) assignment;
 * when two modes share a (near-)degenerate subspace no per-index matching is meaningful anyway, and
 * the returned |overlap| says so.
 *
 * @module
 */

import type { Matrix64 } from "../linalg/mod.ts";

/** Result of {@link matchModes}. */
export interface ModeMatch {
  /** For each previous column listed, the matched current column index. */
  readonly assignment: Int32Array;
  /** |⟨previousᵢ, current_{assignment[i]}⟩| ∈ [0, 1] for unit columns. */
  readonly overlap: Float64Array;
  /** Sign of ⟨previousᵢ, current_{assignment[i]}⟩ (+1 or −1): −1 means the gauge flipped. */
  readonly sign: Int8Array;
}

function checkColumns(what: string, a: Matrix64, columns: readonly number[]): void {
  for (const c of columns) {
    if (!Number.isInteger(c) || c < 0 || c >= a.cols) {
      throw new RangeError(
        `Cannot ${what} as column indices must be integers in [0, ${a.cols}): current value is ${c}`,
      );
    }
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * Signed overlaps ⟨aᵢ, bⱼ⟩ between the listed columns of A and B (same number of rows); result
 * shape [aColumns.length, bColumns.length], row-major.
 */
function overlaps(
  a: Matrix64,
  aColumns: readonly number[],
  b: Matrix64,
  bColumns: readonly number[],
): Float64Array {
  const p = aColumns.length, q = bColumns.length;
  const out = new Float64Array(p * q);
  for (let r = 0; r < a.rows; r++) {
    const ao = r * a.cols, bo = r * b.cols;
    for (let i = 0; i < p; i++) {
      const ai = a.data[ao + aColumns[i]];
      if (ai === 0) continue;
      for (let j = 0; j < q; j++) out[i * q + j] += ai * b.data[bo + bColumns[j]];
    }
  }
  return out;
}

/**
 * Matches the listed columns of `previous` (default: the first min(cols) columns) to distinct
 * columns of `current` among `candidates` (default: all of its columns), by the module's greedy
 * maximum-|overlap| rule. Requires as many candidates as previous columns.
 *
 * @example A swap and a sign flip are recovered
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import { matchModes } from "./modes.ts";
 * const previous = matrix(2, 2, [1, 0, 0, 1]);
 * const current = matrix(2, 2, [0, -1, 1, 0]); // columns swapped, one negated
 * const m = matchModes(previous, current);
 * console.assert(m.assignment[0] === 1 && m.sign[0] === -1);
 * console.assert(m.assignment[1] === 0 && m.sign[1] === 1);
 * ```
 */
export function matchModes(
  previous: Matrix64,
  current: Matrix64,
  previousColumns: readonly number[] = range(Math.min(previous.cols, current.cols)),
  candidates: readonly number[] = range(current.cols),
): ModeMatch {
  if (previous.rows !== current.rows) {
    throw new RangeError(
      `Cannot match modes as both bases must have the same dimension: current value is ${previous.rows} and ${current.rows}`,
    );
  }
  checkColumns("match modes", previous, previousColumns);
  checkColumns("match modes", current, candidates);
  const p = previousColumns.length, q = candidates.length;
  if (q < p) {
    throw new RangeError(
      `Cannot match modes as there must be at least as many candidates as modes: current value is ${q} < ${p}`,
    );
  }
  const o = overlaps(previous, previousColumns, current, candidates);
  const order = range(p * q).sort((s, t) => Math.abs(o[t]) - Math.abs(o[s]) || s - t);
  const assignment = new Int32Array(p).fill(-1);
  const overlap = new Float64Array(p);
  const sign = new Int8Array(p);
  const taken = new Uint8Array(q);
  let done = 0;
  for (const k of order) {
    if (done === p) break;
    const i = Math.floor(k / q), j = k % q;
    if (assignment[i] !== -1 || taken[j]) continue;
    assignment[i] = candidates[j];
    overlap[i] = Math.abs(o[k]);
    sign[i] = o[k] < 0 ? -1 : 1;
    taken[j] = 1;
    done++;
  }
  return { assignment, overlap, sign };
}

/** One checkpoint for {@link trackModes}: singular vectors (columns) and their singular values. */
export interface ModeCheckpoint {
  /** Singular vectors as columns (U, or V to track the hidden side), shape [N, N]. */
  readonly u: Matrix64;
  /** Singular values, descending. */
  readonly singularValues: ArrayLike<number>;
}

/** A crossing: two tracks exchanged their order in λ between checkpoints c − 1 and c. */
export interface ModeCrossing {
  /** Index c of the checkpoint (in the input list) where the new order is first seen. */
  readonly checkpoint: number;
  /** The track that was above before the crossing. */
  readonly upper: number;
  /** The track that was below before the crossing. */
  readonly lower: number;
}

/** Result of {@link trackModes}; all arrays are indexed [checkpoint][track]. */
export interface ModeTracks {
  /** Column index of each track at each checkpoint (track t is column t at checkpoint 0). */
  readonly index: number[][];
  /** Cumulative sign relative to checkpoint 0: sign·column is the gauge-aligned vector. */
  readonly sign: number[][];
  /** |overlap| with the track's vector at the previous checkpoint (1 at checkpoint 0). */
  readonly overlap: number[][];
  /** The track's singular value at each checkpoint. */
  readonly values: number[][];
  /** Pairs of tracks whose λ order flipped between consecutive checkpoints. */
  readonly crossings: ModeCrossing[];
}

/**
 * Follows the top `count` modes through a sequence of checkpoints by matching each checkpoint's
 * tracked vectors to the next checkpoint's top `candidates` columns (greedy max-|overlap|; see the
 * module doc), accumulating sign flips and recording crossings.
 *
 * @example Two modes that cross
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import { trackModes } from "./modes.ts";
 * const e = matrix(2, 2, [1, 0, 0, 1]);
 * const swapped = matrix(2, 2, [0, 1, -1, 0]);
 * const tracks = trackModes([
 *   { u: e, singularValues: [3, 2] },
 *   { u: swapped, singularValues: [5, 4] }, // mode 0 is now column 1 (λ = 4), mode 1 is column 0
 * ], 2);
 * console.assert(tracks.index[1][0] === 1 && tracks.values[1][0] === 4);
 * console.assert(tracks.sign[1][1] === -1 && tracks.crossings.length === 1);
 * ```
 */
export function trackModes(
  checkpoints: readonly ModeCheckpoint[],
  count: number,
  candidates = 2 * count,
): ModeTracks {
  if (checkpoints.length === 0) {
    return { index: [], sign: [], overlap: [], values: [], crossings: [] };
  }
  const cols = checkpoints[0].u.cols;
  if (!Number.isInteger(count) || count < 0 || count > cols) {
    throw new RangeError(
      `Cannot track modes as count must be an integer in [0, ${cols}]: current value is ${count}`,
    );
  }
  const pool = Math.min(Math.max(candidates, count), cols);
  const index: number[][] = [range(count)];
  const sign: number[][] = [new Array(count).fill(1)];
  const overlap: number[][] = [new Array(count).fill(1)];
  const values: number[][] = [range(count).map((t) => checkpoints[0].singularValues[t])];
  const crossings: ModeCrossing[] = [];
  for (let c = 1; c < checkpoints.length; c++) {
    const prev = checkpoints[c - 1], cur = checkpoints[c];
    const m = matchModes(prev.u, cur.u, index[c - 1], range(pool));
    index.push(Array.from(m.assignment));
    sign.push(range(count).map((t) => sign[c - 1][t] * m.sign[t]));
    overlap.push(Array.from(m.overlap));
    values.push(index[c].map((j) => cur.singularValues[j]));
    for (let s = 0; s < count; s++) {
      for (let t = 0; t < count; t++) {
        if (index[c - 1][s] < index[c - 1][t] && index[c][s] > index[c][t]) {
          crossings.push({ checkpoint: c, upper: s, lower: t });
        }
      }
    }
  }
  return { index, sign, overlap, values, crossings };
}

/** One logged entry for {@link crossingUpdates}: the update index and the logged values. */
export interface SpectrumLogEntry {
  /** Update index at which the values were logged. */
  readonly update: number;
  /** The logged singular values (top k, descending, in a rank-sorted log). */
  readonly values: readonly number[];
}

/** Result of {@link crossingUpdates}; "column" is a position in `values` (a rank or a track). */
export interface CrossingSummary {
  /** The value a column must exceed to count as crossed. */
  readonly threshold: number;
  /** Per column, the first logged update with value > threshold, or null if it never crossed. */
  readonly firstUpdate: (number | null)[];
  /** Per column, the number of values above threshold at its first crossing (null if none). */
  readonly countAtCrossing: (number | null)[];
  /** Per logged entry, the number of values above threshold. */
  readonly countAbove: { update: number; count: number }[];
  /** Number of values above threshold in the last entry. */
  readonly finalCount: number;
  /** Per column, its 0-based rank (0 = largest) among the last entry's values. */
  readonly finalRank: number[];
  /**
   * Kendall τ_b between first-crossing update and final rank over the columns that crossed: +1
   * when modes that end larger crossed earlier ("largest first"); null with fewer than two crossed
   * columns or when either ordering is all ties.
   */
  readonly kendallTau: number | null;
}

/**
 * Kendall's τ_b rank correlation of two equal-length sequences (ties handled), or null when either
 * sequence is constant or shorter than 2.
 *
 * @example Perfect agreement and reversal
 * ```ts
 * import { kendallTau } from "./modes.ts";
 * console.assert(kendallTau([1, 2, 3], [10, 20, 30]) === 1);
 * console.assert(kendallTau([1, 2, 3], [3, 2, 1]) === -1);
 * ```
 */
export function kendallTau(a: readonly number[], b: readonly number[]): number | null {
  if (a.length !== b.length) {
    throw new RangeError(
      `Cannot compute Kendall's tau as the sequences must have equal length: current value is ${a.length} and ${b.length}`,
    );
  }
  let concordant = 0, discordant = 0, tiesA = 0, tiesB = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      const da = Math.sign(a[i] - a[j]), db = Math.sign(b[i] - b[j]);
      if (da === 0 && db === 0) continue;
      if (da === 0) tiesA++;
      else if (db === 0) tiesB++;
      else if (da === db) concordant++;
      else discordant++;
    }
  }
  const denominator = Math.sqrt(
    (concordant + discordant + tiesA) * (concordant + discordant + tiesB),
  );
  return denominator === 0 ? null : (concordant - discordant) / denominator;
}

/**
 * Hierarchical-learning summary of a logged spectrum (SCIENCE.md §6): per column, the first update
 * at which its value exceeded `threshold` (default 4, the Landau instability βλ = 4 at β = 1); the
 * number of modes above threshold per entry and at the end; and Kendall τ_b between crossing order
 * and final rank.
 *
 * With rank-sorted logs (the training log's top-k values) column r is rank r, a rank can only cross
 * after the ranks above it, and τ is +1 up to ties by construction; pass mode-tracked values (e.g.
 * {@link trackModes}' `values`) to test "largest first" for real.
 *
 * @example Two modes crossing 4, the larger first
 * ```ts
 * import { crossingUpdates } from "./modes.ts";
 * const s = crossingUpdates([
 *   { update: 0, values: [0.5, 0.4, 0.3] },
 *   { update: 25, values: [4.5, 1, 0.3] },
 *   { update: 50, values: [9, 5, 0.4] },
 * ]);
 * console.assert(s.firstUpdate[0] === 25 && s.firstUpdate[1] === 50 && s.firstUpdate[2] === null);
 * console.assert(s.finalCount === 2 && s.kendallTau === 1);
 * ```
 */
export function crossingUpdates(
  series: readonly SpectrumLogEntry[],
  threshold = 4,
): CrossingSummary {
  if (series.length === 0) {
    throw new RangeError(
      "Cannot summarize crossings as the series must not be empty: current value is []",
    );
  }
  const width = series[0].values.length;
  for (let e = 0; e < series.length; e++) {
    const entry = series[e];
    if (entry.values.length !== width) {
      throw new RangeError(
        `Cannot summarize crossings as every entry must log ${width} values: current value is ${entry.values.length} at update ${entry.update}`,
      );
    }
    if (e > 0 && !(entry.update > series[e - 1].update)) {
      throw new RangeError(
        `Cannot summarize crossings as updates must increase: current value is ${entry.update} after ${
          series[e - 1].update
        }`,
      );
    }
    for (const x of entry.values) {
      if (!Number.isFinite(x)) {
        throw new RangeError(
          `Cannot summarize crossings as values must be finite: current value is ${x} at update ${entry.update}`,
        );
      }
    }
  }
  const firstUpdate: (number | null)[] = new Array(width).fill(null);
  const countAtCrossing: (number | null)[] = new Array(width).fill(null);
  const countAbove = series.map((entry) => {
    const count = entry.values.filter((x) => x > threshold).length;
    entry.values.forEach((x, c) => {
      if (x > threshold && firstUpdate[c] === null) {
        firstUpdate[c] = entry.update;
        countAtCrossing[c] = count;
      }
    });
    return { update: entry.update, count };
  });
  const last = series[series.length - 1].values;
  const finalRank = new Array<number>(width);
  range(width).sort((s, t) => last[t] - last[s] || s - t).forEach((c, rank) => finalRank[c] = rank);
  const crossed = range(width).filter((c) => firstUpdate[c] !== null);
  const kendall = crossed.length < 2
    ? null
    : kendallTau(crossed.map((c) => firstUpdate[c]!), crossed.map((c) => finalRank[c]));
  return {
    threshold,
    firstUpdate,
    countAtCrossing,
    countAbove,
    finalCount: countAbove[countAbove.length - 1].count,
    finalRank,
    kendallTau: kendall,
  };
}
