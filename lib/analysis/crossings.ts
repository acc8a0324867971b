/**
 * Hierarchical learning from the training log (SCIENCE.md §6): when each logged rank of the
 * spectrum first exceeded 4, in what order, and how that order agrees with the final rank. A thin
 * adapter over lib/reciprocal/modes.ts `crossingUpdates` for the run folder's spectrum.ndjson.
 *
 * @module
 */

import { crossingUpdates, kendallTau, type SpectrumLogEntry } from "../reciprocal/modes.ts";
import type { CrossingAnalysis, TrackedCrossings } from "./schema.ts";

/** A spectrum.ndjson line: top-k values (descending) and, from runs that track them, mode ids. */
export interface TrackedLogEntry extends SpectrumLogEntry {
  /** Id of the mode at each rank (lib/train/mode_tracker.ts); absent in older runs. */
  readonly modes?: readonly number[];
}

/**
 * Hierarchical learning with mode identities: for every mode id whose value exceeded `threshold`,
 * the first update it did so, in crossing order, with its final rank (0 = largest; null if it left
 * the logged top k) and Kendall τ_b between crossing update and final rank. Unlike rank-sorted
 * values this can refute "largest first": a mode that crossed early but ends small lowers τ.
 * Null when the log has no mode ids.
 *
 * @example The mode that crossed first ends largest
 * ```ts
 * import { trackedCrossings } from "./crossings.ts";
 * const t = trackedCrossings([
 *   { update: 25, values: [5, 1], modes: [7, 8] },
 *   { update: 50, values: [9, 6], modes: [7, 8] },
 * ]);
 * console.assert(t !== null && t.modes.join() === "7,8" && t.kendallTau === 1);
 * ```
 */
export function trackedCrossings(
  log: readonly TrackedLogEntry[],
  threshold = 4,
): TrackedCrossings | null {
  if (log.length === 0 || log.some((entry) => entry.modes === undefined)) return null;
  const first = new Map<number, number>();
  for (const entry of log) {
    entry.values.forEach((value, rank) => {
      const id = entry.modes![rank];
      if (value > threshold && !first.has(id)) first.set(id, entry.update);
    });
  }
  const last = log[log.length - 1];
  const modes = [...first.keys()].sort((a, b) => first.get(a)! - first.get(b)! || a - b);
  const finalRank = modes.map((id) => {
    const rank = last.modes!.indexOf(id);
    return rank === -1 ? null : rank;
  });
  const kendall = modes.length < 2 ? null : kendallTau(
    modes.map((id) => first.get(id)!),
    finalRank.map((rank) => rank ?? last.values.length),
  );
  return {
    modes,
    firstUpdate: modes.map((id) => first.get(id)!),
    finalRank,
    inRankOrder: finalRank.filter((rank, position) => rank === position).length,
    kendallTau: kendall,
  };
}

/**
 * Summarizes the crossings of `threshold` (default 4) in a spectrum log (`{update, values}` lines,
 * values = the top-k singular values, descending), or null for an empty log.
 *
 * @example Two ranks crossing 4
 * ```ts
 * import { analyzeCrossings } from "./crossings.ts";
 * const c = analyzeCrossings([
 *   { update: 0, values: [0.4, 0.3] },
 *   { update: 25, values: [5, 0.5] },
 *   { update: 50, values: [9, 4.5] },
 * ]);
 * console.assert(c !== null && c.order[0] === 0 && c.firstUpdate[1] === 50 && c.kendallTau === 1);
 * ```
 */
export function analyzeCrossings(
  series: readonly TrackedLogEntry[],
  threshold = 4,
): CrossingAnalysis | null {
  if (series.length === 0) return null;
  const s = crossingUpdates(series, threshold);
  const crossed = s.firstUpdate
    .map((update, rank) => ({ update, rank }))
    .filter((c): c is { update: number; rank: number } => c.update !== null)
    .sort((a, b) => a.update - b.update || a.rank - b.rank);
  return {
    threshold: s.threshold,
    entries: series.length,
    loggedTop: series[0].values.length,
    lastUpdate: series[series.length - 1].update,
    firstUpdate: s.firstUpdate,
    countAtCrossing: s.countAtCrossing,
    order: crossed.map((c) => c.rank),
    finalCount: s.finalCount,
    finalRank: s.finalRank,
    kendallTau: s.kendallTau,
    countAbove: s.countAbove,
    tracked: trackedCrossings(series, threshold),
  };
}
