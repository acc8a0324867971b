/**
 * C7: hierarchical learning (SCIENCE.md §6).
 *
 * @module
 */

import { fc } from "../deps.ts";
import { matrix, type Matrix64, multiplyVector, svd } from "../linalg/mod.ts";
import { deriveSeed, Rng } from "../random/mod.ts";
import { kendallTau } from "../reciprocal/mod.ts";
import type { Claim, LabelledInput } from "./claim.ts";
import { INSTABILITY } from "./c6_trained_spectrum.ts";

/** A simulated training trajectory: planted modes (orthonormal random directions) that grow linearly from their onset. */
export interface PlantedTrajectory {
  readonly numRows: number;
  readonly numCols: number;
  /** Final singular value of each planted mode. */
  readonly finalValues: readonly number[];
  /** Onset of each mode's growth, as a fraction of the trajectory in [0, 1). */
  readonly onsets: readonly number[];
  /** Number of checkpoints after the init. */
  readonly checkpoints: number;
  /** σ of the Gaussian background. */
  readonly sigma: number;
}

/** Input of C7: a checkpoint series (a run's model, or a simulated trajectory). */
export interface HierarchyInput {
  readonly seed: number;
  /** Update index of each checkpoint, increasing. */
  readonly updates?: readonly number[];
  /** W at each checkpoint; the last one defines the modes. */
  readonly weights?: readonly Matrix64[];
  /** Used when `weights` is absent. */
  readonly planted?: PlantedTrajectory;
}

/** Minimum number of modes above 4 at the end for the ordering to be testable. */
export const C7_MIN_MODES = 4;
/** Minimum Kendall τ_b between crossing order and final rank. */
export const C7_MIN_TAU = 0.5;
/** Largest permutation p-value accepted (per model): the false-alarm budget. */
export const C7_MAX_P_VALUE = 0.05;
/** Random permutations of the permutation test. */
export const C7_PERMUTATIONS = 2000;

/** `count` orthonormal random vectors of dimension `dim` (Gram–Schmidt on Gaussian vectors). */
function orthonormal(count: number, dim: number, rng: Rng): Float64Array[] {
  const out: Float64Array[] = [];
  for (let k = 0; k < count; k++) {
    const x = new Float64Array(dim);
    for (let i = 0; i < dim; i++) x[i] = rng.nextNormal();
    for (const y of out) {
      let dot = 0;
      for (let i = 0; i < dim; i++) dot += x[i] * y[i];
      for (let i = 0; i < dim; i++) x[i] -= dot * y[i];
    }
    const norm = Math.hypot(...x);
    out.push(x.map((v) => v / norm));
  }
  return out;
}

function simulate(p: PlantedTrajectory, seed: number): { updates: number[]; weights: Matrix64[] } {
  const rng = new Rng(seed);
  const { numRows: n, numCols: m } = p;
  const noise = matrix(n, m);
  rng.fillNormal(noise.data, p.sigma);
  const us = orthonormal(p.finalValues.length, n, rng),
    vs = orthonormal(p.finalValues.length, m, rng);
  const directions = us.map((u, k) => ({ u, v: vs[k] }));
  const updates: number[] = [], weights: Matrix64[] = [];
  for (let c = 0; c <= p.checkpoints; c++) {
    const t = c / p.checkpoints;
    const w = matrix(n, m, Float64Array.from(noise.data));
    p.finalValues.forEach((final, k) => {
      const onset = p.onsets[k];
      const theta = t <= onset ? 0 : final * (t - onset) / (1 - onset);
      const { u, v } = directions[k];
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) w.data[i * m + j] += theta * u[i] * v[j];
      }
    });
    updates.push(10 * c);
    weights.push(w);
  }
  return { updates, weights };
}

/**
 * The agreement between the order in which the final modes crossed λ = 4 and their final rank.
 * Mode i is the i-th singular pair (uᵢ, vᵢ) of the last checkpoint; its value at checkpoint t is
 * |uᵢᵀ W(t) vᵢ| (the final mode followed back in time, no tracking heuristics); its crossing update
 * is the first checkpoint where that value exceeds 4. Evidence: Kendall τ_b between crossing
 * update and final rank (+1: larger modes crossed first; ties from modes crossing between the same
 * two checkpoints count as ties), and the one-sided permutation p-value of τ_b over
 * {@link C7_PERMUTATIONS} random rank orders (stream deriveSeed(seed, 7)).
 */
function evaluateHierarchy(input: HierarchyInput) {
  const series = input.weights !== undefined
    ? { updates: [...(input.updates ?? [])], weights: [...input.weights] }
    : simulate(input.planted!, input.seed);
  const { updates, weights } = series;
  const last = svd(weights[weights.length - 1]);
  const n = last.u.rows, m = last.v.rows;
  const modes: number[] = [];
  for (let i = 0; i < last.singularValues.length; i++) {
    if (last.singularValues[i] > INSTABILITY) modes.push(i);
  }
  const crossing = modes.map((i) => {
    const vi = new Float64Array(m);
    for (let j = 0; j < m; j++) vi[j] = last.v.data[j * m + i];
    for (let c = 0; c < weights.length; c++) {
      const wv = multiplyVector(weights[c], vi);
      let value = 0;
      for (let r = 0; r < n; r++) value += last.u.data[r * n + i] * wv[r];
      if (Math.abs(value) > INSTABILITY) return updates[c];
    }
    return updates[updates.length - 1];
  });
  const ranks = modes.map((_, k) => k);
  const tau = modes.length >= 2 ? kendallTau(crossing, ranks) : null;
  let pValue = 1;
  if (tau !== null) {
    const rng = new Rng(deriveSeed(input.seed, 7));
    let atLeast = 0;
    const permuted = [...ranks];
    for (let r = 0; r < C7_PERMUTATIONS; r++) {
      for (let k = permuted.length - 1; k > 0; k--) {
        const j = rng.nextInt(k + 1);
        [permuted[k], permuted[j]] = [permuted[j], permuted[k]];
      }
      if ((kendallTau(crossing, permuted) ?? -Infinity) >= tau - 1e-12) atLeast++;
    }
    pValue = (1 + atLeast) / (1 + C7_PERMUTATIONS);
  }
  const distinct = new Set(crossing).size;
  return {
    modesAbove4: modes.length,
    kendallTau: tau ?? Number.NaN,
    pValue,
    distinctCrossingUpdates: distinct,
    firstCrossing: crossing.length > 0 ? Math.min(...crossing) : Number.NaN,
    lastCrossing: crossing.length > 0 ? Math.max(...crossing) : Number.NaN,
    checkpoints: weights.length,
  };
}

/**
 * C7 (statistical): modes leave the bulk one after another, largest first. Rule: at least
 * {@link C7_MIN_MODES} final modes above 4, Kendall τ_b ≥ {@link C7_MIN_TAU} between crossing update and
 * final rank, and permutation p ≤ {@link C7_MAX_P_VALUE}. Crossings come from the run's checkpoints
 * (W is needed to follow a mode; the top-k spectrum log is rank-sorted, which makes τ = 1 by
 * construction), so the run must checkpoint often enough to separate the crossings (the verify
 * preset checkpoints every 60 updates). Controls: a simulated trajectory where the smallest final
 * mode grows first, and each model's untrained init checkpoint.
 */
export const hierarchyClaim: Claim<HierarchyInput> = {
  id: "C7",
  title:
    "Modes leave the bulk one after another, largest first: the order in which final modes cross λ = 4 agrees with their final rank (Kendall τ_b ≥ 0.5, permutation p ≤ 0.05).",
  source: "SCIENCE.md §6; paper Sec. 5",
  kind: "statistical",
  numRuns: 5,
  headline: ["modesAbove4", "kendallTau", "pValue", "distinctCrossingUpdates"],
  falseAlarm: {
    perEvaluation: C7_MAX_P_VALUE,
    calibration:
      `permutation test at run time: p = (1 + #{τ_perm ≥ τ})/(1 + ${C7_PERMUTATIONS}) over random rank orders, exact under "crossing order independent of final rank"`,
  },
  inputs: fc.record({
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    count: fc.integer({ min: 5, max: 7 }),
    spacing: fc.double({ min: 0.08, max: 0.12, noNaN: true }),
  }).map(({ seed, count, spacing }) => ({
    seed,
    planted: {
      numRows: 60,
      numCols: 30,
      finalValues: Array.from({ length: count }, (_, k) => 20 - 2 * k),
      onsets: Array.from({ length: count }, (_, k) => k * spacing),
      checkpoints: 40,
      sigma: 0.01,
    },
  })),
  evaluate: evaluateHierarchy,
  accept: (e) =>
    e.modesAbove4 >= C7_MIN_MODES && e.kendallTau >= C7_MIN_TAU && e.pValue <= C7_MAX_P_VALUE,
  negativeControl: {
    seed: 7,
    planted: {
      numRows: 60,
      numCols: 30,
      finalValues: [20, 18, 16, 14, 12, 10],
      onsets: [0.5, 0.4, 0.3, 0.2, 0.1, 0],
      checkpoints: 40,
      sigma: 0.01,
    },
  },
  async fromRun(run) {
    const inputs: LabelledInput<HierarchyInput>[] = [];
    const negativeControls: LabelledInput<HierarchyInput>[] = [];
    for (const [k, model] of run.summary.models.entries()) {
      const paths = model.checkpoints;
      if (paths.length < 6) continue;
      const series = await Promise.all(paths.map((p) => run.checkpoint(p)));
      const updates = series.map((c) => c.update);
      const weights = series.map((c) => c.params.weights);
      inputs.push({
        label: `${model.id} (${paths.length} checkpoints)`,
        input: { seed: k, updates, weights },
      });
      negativeControls.push({
        label: `${model.id} untrained (init only)`,
        input: { seed: k, updates: updates.slice(0, 1), weights: weights.slice(0, 1) },
      });
    }
    if (inputs.length === 0) {
      return {
        skipReason:
          "no model has ≥ 6 checkpoints (train with more, shorter epochs, e.g. the verify preset)",
      };
    }
    return { inputs, negativeControls };
  },
};
