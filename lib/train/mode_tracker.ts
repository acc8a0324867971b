/**
 * Identity of the top singular modes during training. Every time the spectrum is logged, the top-k
 * singular vectors of the smaller side of W (right vectors V when M ≤ N, left vectors U otherwise)
 * are matched to the previous log's by maximum |overlap| (greedy, lib/reciprocal/modes.ts); a mode
 * keeps its id when |overlap| ≥ 1/√2 and gets a fresh id otherwise (a mode entering the top k).
 * With ids, "the mode that crossed λ = 4 first ends up largest" becomes a falsifiable statement
 * instead of a tautology of rank-sorted values.
 *
 * @module
 */

import { EigenvalueDecomposition, Matrix } from "../deps.ts";
import { matrix, type Matrix64 } from "../linalg/matrix.ts";
import { matchModes } from "../reciprocal/modes.ts";

/** Minimum |overlap| for a mode to keep its id between two logs. */
export const SAME_MODE_OVERLAP = Math.SQRT1_2;

/** The serializable state of a {@link ModeTracker} (stored in checkpoints). */
export interface ModeTrackerState {
  /** Ids of the tracked modes, in rank order (largest singular value first). */
  readonly ids: number[];
  /** The next fresh id. */
  readonly nextId: number;
  /** Their singular vectors as columns, [dim, ids.length] row-major (dim = min(N, M)). */
  readonly vectors: Float64Array;
}

/** One spectrum log entry: top singular values (descending) and the id of each. */
export interface TrackedSpectrum {
  readonly values: number[];
  readonly modes: number[];
}

/**
 * Top-k singular values and vectors of W (row-major Float32 [numVisible, numHidden]) through the
 * eigen-decomposition of the smaller Gram matrix, in Float64.
 *
 * @example
 * ```ts
 * import { topModes } from "./mode_tracker.ts";
 * const { values } = topModes(new Float32Array([3, 0, 0, 4]), 2, 2, 1);
 * console.assert(Math.abs(values[0] - 4) < 1e-12);
 * ```
 */
export function topModes(
  weights: Float32Array,
  numVisible: number,
  numHidden: number,
  k: number,
): { values: Float64Array; vectors: Matrix64 } {
  const tall = numHidden <= numVisible;
  const dim = tall ? numHidden : numVisible;
  const other = tall ? numVisible : numHidden;
  const gram = new Float64Array(dim * dim);
  const row = new Float64Array(dim);
  for (let r = 0; r < other; r++) {
    for (let a = 0; a < dim; a++) {
      row[a] = tall ? weights[r * numHidden + a] : weights[a * numHidden + r];
    }
    for (let a = 0; a < dim; a++) {
      const x = row[a];
      if (x === 0) continue;
      const base = a * dim;
      for (let b = a; b < dim; b++) gram[base + b] += x * row[b];
    }
  }
  const g = new Matrix(dim, dim);
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) {
      g.set(a, b, gram[a * dim + b]);
      g.set(b, a, gram[a * dim + b]);
    }
  }
  const evd = new EigenvalueDecomposition(g, { assumeSymmetric: true });
  const eigenvalues = evd.realEigenvalues;
  const vectors = evd.eigenvectorMatrix;
  const order = eigenvalues.map((_, i) => i).sort((i, j) =>
    eigenvalues[j] - eigenvalues[i] || i - j
  );
  const count = Math.min(k, dim);
  const values = new Float64Array(count);
  const columns = new Float64Array(dim * count);
  for (let c = 0; c < count; c++) {
    values[c] = Math.sqrt(Math.max(eigenvalues[order[c]], 0));
    for (let a = 0; a < dim; a++) columns[a * count + c] = vectors.get(a, order[c]);
  }
  return { values, vectors: matrix(dim, count, columns) };
}

/**
 * Follows the identities of the top-k modes from one spectrum log to the next.
 *
 * @example Ids persist while the modes stay put
 * ```ts
 * import { ModeTracker } from "./mode_tracker.ts";
 * const tracker = new ModeTracker();
 * const w = new Float32Array([5, 0, 0, 0, 2, 0]); // 3×2, λ = 5, 2
 * const first = tracker.observe(w, 3, 2, 2);
 * const second = tracker.observe(w, 3, 2, 2);
 * console.assert(first.modes.join() === "0,1" && second.modes.join() === "0,1");
 * ```
 */
export class ModeTracker {
  #ids: number[];
  #nextId: number;
  #vectors: Matrix64 | null;

  /** A fresh tracker, or one restored from {@link ModeTracker.state}. */
  constructor(state: ModeTrackerState | null = null) {
    this.#ids = state ? [...state.ids] : [];
    this.#nextId = state ? state.nextId : 0;
    this.#vectors = state && state.ids.length > 0
      ? matrix(state.vectors.length / state.ids.length, state.ids.length, state.vectors.slice())
      : null;
  }

  /** Logs the top-k modes of W, giving each the id of the previous mode it continues. */
  observe(
    weights: Float32Array,
    numVisible: number,
    numHidden: number,
    k: number,
  ): TrackedSpectrum {
    const { values, vectors } = topModes(weights, numVisible, numHidden, k);
    const ids = new Array<number>(values.length).fill(-1);
    if (this.#vectors !== null && this.#vectors.rows === vectors.rows) {
      const previous = this.#vectors;
      const usable = Math.min(previous.cols, vectors.cols);
      const match = matchModes(previous, vectors, range(usable), range(vectors.cols));
      for (let i = 0; i < usable; i++) {
        const j = match.assignment[i];
        if (j >= 0 && Math.abs(match.overlap[i]) >= SAME_MODE_OVERLAP) ids[j] = this.#ids[i];
      }
    }
    for (let j = 0; j < ids.length; j++) if (ids[j] === -1) ids[j] = this.#nextId++;
    this.#ids = ids;
    this.#vectors = vectors;
    return { values: Array.from(values), modes: [...ids] };
  }

  /** A copy of the state, for checkpoints. */
  state(): ModeTrackerState {
    return {
      ids: [...this.#ids],
      nextId: this.#nextId,
      vectors: this.#vectors === null ? new Float64Array(0) : this.#vectors.data.slice(),
    };
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
