import assert from "node:assert/strict";
import { trackedCrossings } from "./crossings.ts";

Deno.test("trackedCrossings() follows ids: largest-first order gives τ = 1", () => {
  const t = trackedCrossings([
    { update: 0, values: [0.5, 0.4, 0.3], modes: [1, 2, 3] },
    { update: 25, values: [4.5, 1, 0.3], modes: [1, 2, 3] },
    { update: 50, values: [9, 5, 0.4], modes: [1, 2, 3] },
  ]);
  assert.deepEqual(t, {
    modes: [1, 2],
    firstUpdate: [25, 50],
    finalRank: [0, 1],
    inRankOrder: 2,
    kendallTau: 1,
  });
});

Deno.test("trackedCrossings() refutes largest-first when an early mode is overtaken (negative control)", () => {
  // Mode 1 crosses first, mode 2 later, but mode 2 ends largest: with rank-sorted values this would
  // still read as "rank 1 crossed first"; with ids the order disagrees with the final rank.
  const t = trackedCrossings([
    { update: 25, values: [4.5, 1, 0.3], modes: [1, 2, 3] },
    { update: 50, values: [6, 5, 0.4], modes: [1, 2, 3] },
    { update: 75, values: [12, 7, 4.2], modes: [2, 1, 3] },
  ])!;
  assert.deepEqual(t.modes, [1, 2, 3]);
  assert.deepEqual(t.finalRank, [1, 0, 2]);
  assert.equal(t.inRankOrder, 1);
  assert.ok(t.kendallTau !== null && t.kendallTau < 1);
});

Deno.test("trackedCrossings() is null for logs without mode ids, and ranks modes that left the top k last", () => {
  assert.equal(trackedCrossings([{ update: 0, values: [5] }]), null);
  const t = trackedCrossings([
    { update: 0, values: [5, 1], modes: [1, 2] },
    { update: 25, values: [6, 5], modes: [3, 2] },
  ])!;
  assert.deepEqual(t.modes, [1, 2, 3]);
  assert.deepEqual(t.finalRank, [null, 1, 0]);
});
