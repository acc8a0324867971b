import assert from "node:assert/strict";
import { checkClaim } from "./check.ts";
import type { AnyClaim } from "./claim.ts";
import { CLAIMS, selectClaims } from "./registry.ts";
import { syntheticRun } from "./_test_util.ts";

const SEED = 20250321;

/** Small fast-check budgets per claim: the suite must stay fast on 2 cores. */
const TEST_RUNS: Record<string, number> = {
  C1: 30,
  C2: 20,
  C3: 4,
  C4: 1,
  C6: 2,
  C7: 2,
  C8a: 15,
  C8b: 3,
};

Deno.test("registry: ids are unique and stable, every claim is complete", () => {
  assert.deepEqual(CLAIMS.map((c) => c.id), [
    "C1",
    "C2",
    "C3",
    "C4",
    "C5",
    "C6",
    "C7",
    "C8a",
    "C8b",
  ]);
  for (const c of CLAIMS) {
    assert.ok(c.title.length > 20 && c.source.includes("SCIENCE.md"), c.id);
    assert.ok(c.headline.length > 0, c.id);
    if (c.kind !== "identity") assert.ok(c.falseAlarm !== undefined, `${c.id} needs a budget`);
    assert.ok(c.inputs !== undefined || c.fromRun !== undefined, c.id);
  }
});

Deno.test("selectClaims() selects by id and family, and rejects unknown ids", () => {
  assert.deepEqual(selectClaims(["c3", "C8"]).map((c) => c.id), ["C3", "C8a", "C8b"]);
  assert.deepEqual(selectClaims(["C8b"]).map((c) => c.id), ["C8b"]);
  assert.throws(() => selectClaims(["C99"]), /Cannot select claim C99/);
});

for (const claim of CLAIMS) {
  Deno.test(`${claim.id}: the negative control is rejected`, () => {
    const e = claim.evaluate(claim.negativeControl);
    assert.equal(claim.accept(e, claim.negativeControl), false, JSON.stringify(e));
  });
}

for (const claim of CLAIMS.filter((c) => c.inputs !== undefined)) {
  Deno.test(`${claim.id}: supported at reduced size (seed ${SEED})`, async () => {
    const verdict = await checkClaim(claim, { seed: SEED, numRuns: TEST_RUNS[claim.id] ?? 5 });
    // Claims that also read a run are skipped without one; the property itself must hold.
    const expected = claim.fromRun !== undefined ? "skipped" : "supported";
    assert.equal(verdict.status, expected, verdict.message);
    assert.ok(verdict.negativeControl !== null && !verdict.negativeControl.accepted);
  });
}

Deno.test("trained-model claims on a synthetic run: inputs accepted, run controls rejected", async (t) => {
  const run = syntheticRun();
  for (const id of ["C3", "C4", "C5", "C6", "C7"]) {
    await t.step(id, async () => {
      const [claim] = selectClaims([id]);
      const verdict = await checkClaim(claim, { seed: SEED, numRuns: 0, run });
      assert.equal(verdict.status, "supported", `${verdict.message} ${JSON.stringify(verdict)}`);
      assert.ok(verdict.runInputs.length > 0 && verdict.runInputs.every((r) => r.accepted));
      assert.ok(verdict.runControls.length > 0 && verdict.runControls.every((r) => !r.accepted));
    });
  }
});

Deno.test("C7 is refuted when the smaller modes grow first, and skipped with few checkpoints", async () => {
  const [c7] = selectClaims(["C7"]);
  // Close final values, so that the late onsets of the large modes decide the crossing order.
  const reversed = syntheticRun({
    finalValues: [10, 9, 8, 7, 6],
    onsets: [0.6, 0.45, 0.3, 0.15, 0],
  });
  const refuted = await checkClaim(c7, { seed: SEED, numRuns: 0, run: reversed });
  assert.equal(refuted.status, "refuted");
  assert.ok(refuted.runInputs[0].evidence.kendallTau < 0);
  const short = await checkClaim(c7, {
    seed: SEED,
    numRuns: 0,
    run: syntheticRun({ checkpoints: 3 }),
  });
  assert.equal(short.status, "skipped");
  assert.match(short.message, /checkpoints/);
});

Deno.test("C5 and C6 are refuted on an untrained run", async () => {
  const run = syntheticRun({ finalValues: [], onsets: [], finalShift: 0 });
  for (const id of ["C5", "C6"]) {
    const [claim] = selectClaims([id]);
    const verdict = await checkClaim(claim, { seed: SEED, numRuns: 0, run });
    // The run's controls (the same untrained W) are rejected too, so the status is "refuted".
    assert.equal(verdict.status, "refuted", id);
  }
});

Deno.test("C8b: delocalized trained U is accepted, localized planted modes are refuted", async () => {
  const [c8b] = selectClaims(["C8b"]);
  // Five of the 16 modes live on 40 pixels each: kurtosis ≈ 3 − 2·3/40, far below Haar's.
  const localized = await checkClaim(c8b, { seed: SEED, numRuns: 0, run: syntheticRun() });
  assert.equal(localized.status, "refuted");
  assert.ok(localized.runInputs[0].evidence.deviationRatio > 5);
  const gaussian = syntheticRun({ finalValues: [], onsets: [], finalShift: 0 });
  const delocalized = await checkClaim(c8b, { seed: SEED, numRuns: 0, run: gaussian });
  assert.equal(delocalized.status, "supported", delocalized.message);
});

Deno.test("C3 skips a run whose shape was not calibrated", async () => {
  const [c3] = selectClaims(["C3"]);
  const verdict = await checkClaim(c3, {
    seed: SEED,
    numRuns: 0,
    run: syntheticRun({ numVisible: 100, numHidden: 10, finalValues: [], onsets: [] }),
  });
  assert.equal(verdict.status, "skipped");
  assert.match(verdict.message, /no calibrated C3 threshold for 100×10/);
});

Deno.test("checkClaim() reports refutations with a replay path, errors and powerless controls", async (t) => {
  const { fc } = await import("../deps.ts");
  const base = {
    title: "test claim",
    source: "-",
    kind: "identity" as const,
    headline: ["x"],
    inputs: fc.integer({ min: 0, max: 1000 }),
    evaluate: (n: number) => ({ x: n }),
  };
  await t.step("refuted", async () => {
    const claim: AnyClaim = { ...base, id: "T1", accept: (e) => e.x < 500, negativeControl: 900 };
    const verdict = await checkClaim(claim, { seed: 3, numRuns: 200 });
    assert.equal(verdict.status, "refuted");
    assert.ok(verdict.replayPath !== undefined && verdict.replayPath !== "");
    assert.equal(verdict.evidence.x, 500); // shrunk to the smallest counterexample
    const replay = await checkClaim(claim, {
      seed: 3,
      numRuns: 200,
      replayPath: verdict.replayPath,
    });
    assert.equal(replay.status, "refuted");
    assert.equal(replay.evidence.x, 500);
  });
  await t.step("error", async () => {
    const claim: AnyClaim = {
      ...base,
      id: "T2",
      evaluate: (n: number) => {
        if (n > 10) throw new RangeError("boom");
        return { x: n };
      },
      accept: (e) => e.x >= 0,
      negativeControl: -1,
    };
    const verdict = await checkClaim(claim, { seed: 3, numRuns: 100 });
    assert.equal(verdict.status, "error");
    assert.match(verdict.message, /boom/);
  });
  await t.step("a control that is accepted is an error", async () => {
    const claim: AnyClaim = { ...base, id: "T3", accept: () => true, negativeControl: 1 };
    const verdict = await checkClaim(claim, { seed: 3, numRuns: 10 });
    assert.equal(verdict.status, "error");
    assert.match(verdict.message, /no power/);
  });
});
