/**
 * Hierarchical learning from the training log (SCIENCE.md §6): when each logged rank of the
 * spectrum first exceeded 4, in what order, and how that order agrees with the final rank. A thin
 * adapter over lib/reciprocal/modes.ts `crossingUpdates` for the run folder's spectrum.ndjson.
 *
 * @module
 */

import { crossingUpdates, type SpectrumLogEntry } from "../reciprocal/modes.ts";
import type { CrossingAnalysis } from "./schema.ts";

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
  series: readonly SpectrumLogEntry[],
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
  };
}
