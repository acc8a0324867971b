/**
 * Checking one claim: its negative control must be rejected, fast-check must find no input of its
 * arbitrary that the claim rejects, and every input built from a run (if the claim reads one) must
 * be accepted while the run's own negative controls are rejected.
 *
 * @module
 */

import { fc } from "../deps.ts";
import type { AnyClaim, Evidence, FalseAlarmBudget, LoadedRun } from "./claim.ts";

/** The outcome of checking a claim. */
export type VerdictStatus = "supported" | "refuted" | "error" | "skipped";

/** Evidence of one labelled input and whether the claim accepted it. */
export interface LabelledEvidence {
  readonly label: string;
  readonly evidence: Evidence;
  readonly accepted: boolean;
}

/** The verdict on one claim. */
export interface Verdict {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly kind: string;
  readonly status: VerdictStatus;
  /** Why the status is not "supported" (or a note), in one line. */
  readonly message: string;
  /**
   * Headline evidence: of the counterexample (or else the last generated input), overlaid by the
   * first rejected run input (or else the first run input).
   */
  readonly evidence: Evidence;
  /** The static negative control's evidence, and whether it was (correctly) rejected. */
  readonly negativeControl: LabelledEvidence | null;
  /** Per run input and run-level control. */
  readonly runInputs: readonly LabelledEvidence[];
  readonly runControls: readonly LabelledEvidence[];
  /** fast-check seed and number of runs (0 when the claim has no arbitrary). */
  readonly seed: number;
  readonly numRuns: number;
  /** fast-check replay path of a counterexample. */
  readonly replayPath?: string;
  readonly falseAlarm?: FalseAlarmBudget;
  /**
   * Bound on the chance that this check refutes a true claim at a random seed: the per-evaluation
   * budget times the number of evaluations (generated plus run inputs; Bonferroni).
   */
  readonly familyFalseAlarm?: number;
  readonly seconds: number;
}

/** Options of {@link checkClaim}. */
export interface CheckOptions {
  /** fast-check seed (32-bit integer). */
  readonly seed: number;
  /** fast-check runs over the claim's arbitrary. */
  readonly numRuns: number;
  /** A loaded training run, for claims with `fromRun`. */
  readonly run?: LoadedRun;
  /** Replays one counterexample path (with the same seed) instead of a fresh search. */
  readonly replayPath?: string;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function headlineOf(claim: AnyClaim, evidence: Evidence): Evidence {
  const out: Evidence = {};
  for (const key of claim.headline) if (key in evidence) out[key] = evidence[key];
  return out;
}

/**
 * Checks a claim (see the module doc) and returns its verdict; never throws for a failure of the
 * claim itself (exceptions become status "error" with the message).
 *
 * @example The negative control of a trivial claim is rejected and the property holds
 * ```ts
 * import { fc } from "../deps.ts";
 * import { checkClaim } from "./check.ts";
 * const verdict = await checkClaim({
 *   id: "X1", title: "n² ≥ n for integers n ≥ 1", source: "-", kind: "identity",
 *   inputs: fc.integer({ min: 1, max: 100 }), headline: ["gap"],
 *   evaluate: (n: number) => ({ gap: n * n - n }),
 *   accept: (e) => e.gap >= 0,
 *   negativeControl: 0.5,
 * }, { seed: 1, numRuns: 20 });
 * console.assert(verdict.status === "supported");
 * ```
 */
export async function checkClaim(claim: AnyClaim, options: CheckOptions): Promise<Verdict> {
  const start = performance.now();
  const { seed, numRuns, run, replayPath } = options;
  let status: VerdictStatus = "supported";
  let message = "";
  let evidence: Evidence = {};
  let negativeControl: LabelledEvidence | null = null;
  const runInputs: LabelledEvidence[] = [];
  const runControls: LabelledEvidence[] = [];
  let counterexamplePath: string | undefined;
  let ranProperty = 0;
  const fail = (next: VerdictStatus, why: string) => {
    // "error" outranks "refuted", which outranks "skipped"/"supported".
    const rank = { supported: 0, skipped: 1, refuted: 2, error: 3 } as const;
    if (rank[next] > rank[status]) status = next;
    message = message === "" ? why : `${message}; ${why}`;
  };

  try {
    const e = claim.evaluate(claim.negativeControl);
    const accepted = claim.accept(e, claim.negativeControl);
    negativeControl = { label: "negative control", evidence: e, accepted };
    if (accepted) fail("error", "the negative control was accepted (the claim has no power)");
  } catch (error) {
    fail("error", `negative control threw ${describeError(error)}`);
  }

  if (claim.inputs !== undefined && numRuns > 0) {
    let last: Evidence = {};
    const property = fc.property(claim.inputs, (input) => {
      last = claim.evaluate(input);
      return claim.accept(last, input);
    });
    // Statistical and asymptotic claims are not shrunk: their inputs are seeds, a "smaller" seed
    // means nothing, and every shrinking step would be one more chance of a false alarm.
    const details = fc.check(property, {
      seed,
      numRuns,
      endOnFailure: claim.kind !== "identity" || replayPath !== undefined,
      ...(replayPath !== undefined ? { path: replayPath } : {}),
    });
    ranProperty = details.numRuns;
    evidence = last;
    if (details.failed) {
      counterexamplePath = details.counterexamplePath ?? undefined;
      const counterexample = details.counterexample?.[0];
      const where = `seed ${details.seed}, path "${counterexamplePath}"`;
      // Re-evaluate the (shrunk) counterexample: an exception is an error, a rejection a refutation.
      try {
        evidence = claim.evaluate(counterexample);
        if (claim.accept(evidence, counterexample)) {
          fail(
            "error",
            `the counterexample was accepted on re-evaluation (not deterministic?) (${where})`,
          );
        } else {
          fail("refuted", `counterexample ${JSON.stringify(counterexample)} (${where})`);
        }
      } catch (error) {
        fail("error", `an input threw ${describeError(error)} (${where})`);
      }
    }
  }

  if (claim.fromRun !== undefined) {
    if (run === undefined) {
      fail("skipped", "needs a training run (pass --run DIR or let verify train one)");
    } else {
      try {
        const built = await claim.fromRun(run);
        if ("skipReason" in built) {
          fail("skipped", built.skipReason);
        } else {
          for (const { label, input } of built.inputs) {
            const e = claim.evaluate(input);
            const accepted = claim.accept(e, input);
            runInputs.push({ label, evidence: e, accepted });
            if (!accepted) fail("refuted", `${label} rejected`);
          }
          for (const { label, input } of built.negativeControls) {
            const e = claim.evaluate(input);
            const accepted = claim.accept(e, input);
            runControls.push({ label, evidence: e, accepted });
            if (accepted) {
              fail("error", `run control ${label} was accepted (the claim has no power)`);
            }
          }
          const shown = runInputs.find((r) => !r.accepted) ?? runInputs[0];
          if (shown !== undefined) evidence = { ...evidence, ...shown.evidence };
        }
      } catch (error) {
        fail("error", `reading the run threw ${describeError(error)}`);
      }
    }
  }

  return {
    id: claim.id,
    title: claim.title,
    source: claim.source,
    kind: claim.kind,
    status,
    message,
    evidence: headlineOf(claim, evidence),
    negativeControl,
    runInputs,
    runControls,
    seed,
    numRuns: ranProperty,
    ...(counterexamplePath !== undefined ? { replayPath: counterexamplePath } : {}),
    ...(claim.falseAlarm !== undefined
      ? {
        falseAlarm: claim.falseAlarm,
        familyFalseAlarm: Math.min(
          1,
          claim.falseAlarm.perEvaluation * (ranProperty + runInputs.length),
        ),
      }
      : {}),
    seconds: (performance.now() - start) / 1000,
  };
}
