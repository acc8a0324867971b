import assert from "node:assert/strict";
import { matrix } from "../linalg/matrix.ts";
import { singularValues } from "../linalg/svd.ts";
import { Rng } from "../random/mod.ts";
import { ModeTracker, topModes } from "./mode_tracker.ts";

/** W = Σ λᵢ uᵢ vᵢᵀ with orthonormal uᵢ (N = 6) and vᵢ (M = 4), plus tiny noise. */
function modes(lambdas: number[], seed = 1): Float32Array {
  const rng = new Rng(seed);
  const w = new Float32Array(6 * 4);
  lambdas.forEach((lambda, i) => {
    for (let r = 0; r < 6; r++) {
      for (let c = 0; c < 4; c++) w[r * 4 + c] += r === i && c === i ? lambda : 0;
    }
  });
  for (let i = 0; i < w.length; i++) w[i] += 1e-3 * rng.nextNormal();
  return w;
}

Deno.test("topModes() values equal the top singular values of the Float64 SVD (tall and wide)", () => {
  const rng = new Rng(3);
  for (const [n, m] of [[30, 8], [8, 30]]) {
    const w = Float32Array.from({ length: n * m }, () => rng.nextNormal());
    const exact = singularValues(matrix(n, m, Float64Array.from(w)));
    const { values, vectors } = topModes(w, n, m, 5);
    assert.equal(vectors.rows, Math.min(n, m));
    for (let i = 0; i < 5; i++) assert.ok(Math.abs(values[i] - exact[i]) < 1e-10 * exact[0]);
  }
});

Deno.test("ModeTracker follows a mode through a crossing of singular values", () => {
  const tracker = new ModeTracker();
  assert.deepEqual(tracker.observe(modes([5, 3]), 6, 4, 2).modes, [0, 1]);
  // Mode 1 (second direction) grows past mode 0: ranks swap, ids follow the vectors.
  const swapped = tracker.observe(modes([3, 6]), 6, 4, 2);
  assert.deepEqual(swapped.modes, [1, 0]);
  assert.ok(Math.abs(swapped.values[0] - 6) < 1e-2);
});

Deno.test("ModeTracker gives a fresh id to a mode entering the top k, and its state round-trips", () => {
  const tracker = new ModeTracker();
  tracker.observe(modes([5, 3, 0, 0]), 6, 4, 2);
  const entered = tracker.observe(modes([5, 0, 4, 0]), 6, 4, 2);
  assert.deepEqual(entered.modes, [0, 2]);
  const restored = new ModeTracker(tracker.state());
  const next = modes([5, 0, 4, 7]);
  assert.deepEqual(restored.observe(next, 6, 4, 2), tracker.observe(next, 6, 4, 2));
});
