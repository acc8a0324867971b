import { assert, assertEquals, assertThrows } from "../_testing.ts";
import { fc } from "../deps.ts";
import { matrix, type Matrix64, svd } from "../linalg/mod.ts";
import { Rng } from "../random/mod.ts";
import { crossingUpdates, kendallTau, matchModes, trackModes } from "./modes.ts";
import { haarOrthogonal } from "./rotation.ts";

/** Columns of `a` reordered so that column c of the result is sign[c]·a[:, order[c]]. */
function permuteColumns(a: Matrix64, order: number[], sign: number[]): Matrix64 {
  const out = matrix(a.rows, a.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let c = 0; c < a.cols; c++) {
      out.data[i * a.cols + c] = sign[c] * a.data[i * a.cols + order[c]];
    }
  }
  return out;
}

Deno.test("matchModes() recovers permutations and sign flips under small noise", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 10 }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (n, seed) => {
        const rng = new Rng(seed);
        const u = haarOrthogonal(n, rng);
        const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
        const sign = order.map(() => (rng.nextDouble() < 0.5 ? -1 : 1));
        const moved = permuteColumns(u, order, sign);
        for (let k = 0; k < moved.data.length; k++) moved.data[k] += 1e-3 * rng.nextNormal();
        const m = matchModes(u, moved);
        for (let c = 0; c < n; c++) {
          // Previous column order[c] went to current column c with sign[c].
          if (m.assignment[order[c]] !== c || m.sign[order[c]] !== sign[c]) return false;
          if (!(m.overlap[order[c]] > 0.99)) return false;
        }
        return true;
      },
    ),
    { numRuns: 40, seed: 5 },
  );
});

Deno.test("matchModes() validates its inputs", () => {
  const a = matrix(2, 2, [1, 0, 0, 1]);
  assertThrows(() => matchModes(a, matrix(3, 3)), RangeError, "2 and 3");
  assertThrows(() => matchModes(a, a, [0, 1], [0]), RangeError, "1 < 2");
  assertThrows(() => matchModes(a, a, [2]), RangeError, "current value is 2");
});

Deno.test("trackModes() follows modes through a crossing and a gauge flip", () => {
  const rng = new Rng(11);
  const n = 6;
  const u0 = haarOrthogonal(n, rng);
  // Checkpoint 1: modes 1 and 2 swap places (their λ cross) and mode 0 flips sign.
  const u1 = permuteColumns(u0, [0, 2, 1, 3, 4, 5], [-1, 1, 1, 1, 1, 1]);
  // Checkpoint 2: mode 0 flips back.
  const u2 = permuteColumns(u1, [0, 1, 2, 3, 4, 5], [-1, 1, 1, 1, 1, 1]);
  const tracks = trackModes([
    { u: u0, singularValues: [9, 5, 4, 1, 0.5, 0.1] },
    { u: u1, singularValues: [10, 7, 6, 1, 0.5, 0.1] },
    { u: u2, singularValues: [11, 8, 7, 1, 0.5, 0.1] },
  ], 3);
  assertEquals(tracks.index, [[0, 1, 2], [0, 2, 1], [0, 2, 1]]);
  assertEquals(tracks.sign, [[1, 1, 1], [-1, 1, 1], [1, 1, 1]]);
  assertEquals(tracks.values, [[9, 5, 4], [10, 6, 7], [11, 7, 8]]);
  assertEquals(tracks.crossings, [{ checkpoint: 1, upper: 1, lower: 2 }]);
  assert(tracks.overlap.flat().every((x) => Math.abs(x - 1) < 1e-12));
});

Deno.test("trackModes() keeps the top modes of a slowly changing W", () => {
  const rng = new Rng(3);
  const n = 30, m = 12;
  const w = matrix(n, m);
  for (let k = 0; k < w.data.length; k++) w.data[k] = 0.05 * rng.nextNormal();
  for (let s = 0; s < 3; s++) {
    const a = Array.from({ length: n }, () => rng.nextNormal());
    const b = Array.from({ length: m }, () => rng.nextNormal());
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) w.data[i * m + j] += (3 - s) * a[i] * b[j] / 10;
    }
  }
  const checkpoints = [0, 1, 2, 3].map((step) => {
    const wt = matrix(n, m, w.data.map((x) => x + 1e-3 * step * rng.nextNormal()));
    return svd(wt);
  });
  const tracks = trackModes(
    checkpoints.map((c) => ({ u: c.u, singularValues: c.singularValues })),
    3,
  );
  assertEquals(tracks.index, [[0, 1, 2], [0, 1, 2], [0, 1, 2], [0, 1, 2]]);
  assert(tracks.overlap.flat().every((x) => x > 0.99));
});

Deno.test("kendallTau() handles ties (τ_b)", () => {
  assert(Math.abs(kendallTau([1, 2, 3, 4], [1, 3, 2, 4])! - 4 / 6) < 1e-15);
  // scipy.stats.kendalltau([1, 1, 2], [1, 2, 3]) = 0.816496580927726
  assert(Math.abs(kendallTau([1, 1, 2], [1, 2, 3])! - 0.816496580927726) < 1e-14);
  assertEquals(kendallTau([1, 1], [1, 2]), null);
  assertEquals(kendallTau([1], [1]), null);
  assertThrows(() => kendallTau([1], [1, 2]), RangeError, "1 and 2");
});

Deno.test("crossingUpdates() summarizes threshold crossings", async (t) => {
  await t.step("rank-sorted log", () => {
    const s = crossingUpdates([
      { update: 0, values: [0.5, 0.4, 0.3, 0.2] },
      { update: 25, values: [4.5, 3, 0.3, 0.2] },
      { update: 50, values: [9, 5, 4.1, 0.2] },
      { update: 75, values: [12, 6, 5, 0.3] },
    ]);
    assertEquals(s.firstUpdate, [25, 50, 50, null]);
    assertEquals(s.countAtCrossing, [1, 3, 3, null]);
    assertEquals(s.countAbove.map((c) => c.count), [0, 1, 3, 3]);
    assertEquals(s.finalCount, 3);
    assertEquals(s.finalRank, [0, 1, 2, 3]);
    // Ranks 1 and 2 cross together: τ_b = 2/√(3·2).
    assert(Math.abs(s.kendallTau! - 2 / Math.sqrt(6)) < 1e-15);
  });
  await t.step("tracked log where a later mode overtakes", () => {
    const s = crossingUpdates([
      { update: 0, values: [1, 1, 1] },
      { update: 10, values: [5, 2, 1] },
      { update: 20, values: [6, 4.5, 1] },
      { update: 30, values: [6, 9, 5] },
    ], 4);
    assertEquals(s.firstUpdate, [10, 20, 30]);
    assertEquals(s.finalRank, [1, 0, 2]);
    assert(Math.abs(s.kendallTau! - 1 / 3) < 1e-15);
  });
  await t.step("validation", () => {
    assertThrows(() => crossingUpdates([]), RangeError, "current value is []");
    assertThrows(
      () => crossingUpdates([{ update: 5, values: [1] }, { update: 5, values: [2] }]),
      RangeError,
      "5 after 5",
    );
    assertThrows(
      () => crossingUpdates([{ update: 0, values: [1] }, { update: 5, values: [2, 3] }]),
      RangeError,
      "current value is 2",
    );
    assertThrows(() => crossingUpdates([{ update: 0, values: [NaN] }]), RangeError, "NaN");
  });
});
