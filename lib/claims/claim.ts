/**
 * The paper's claims as data plus functions (STYLE.md "Claims as data plus functions"): each claim
 * names one falsifiable statement, draws inputs (sizes and seeds) from a fast-check arbitrary,
 * evaluates them with a pure, deterministic function, and accepts or rejects the evidence by an
 * explicit rule. Every claim carries a negative control, an input its rule must reject, so a claim
 * that cannot fail is caught.
 *
 * Claims about trained models take a run folder (from `deno task train`): {@link Claim.fromRun}
 * turns the run's models and checkpoints into inputs (and into run-level negative controls such as
 * the untrained init checkpoint), or says why the run cannot serve (reported as "skipped").
 *
 * @module
 */

import type { fc } from "../deps.ts";
import type { RbmParams64 } from "../rbm/energy64.ts";
import type { RunConfigFile, RunSummary } from "../train/run_folder.ts";

/** Evidence: named numbers produced by {@link Claim.evaluate}. */
export type Evidence = Record<string, number>;

/** What kind of statement a claim is (STYLE.md). */
export type ClaimKind = "identity" | "asymptotic" | "statistical";

/**
 * How a statistical or asymptotic threshold was calibrated: the false-alarm probability of one
 * evaluation under the claim's own null, and where the calibration comes from.
 */
export interface FalseAlarmBudget {
  /** Probability that one evaluation of a true claim is rejected (per fast-check run). */
  readonly perEvaluation: number;
  /** How the threshold was obtained, e.g. "fixtures/claims/calibrate.ts, 4000 draws per shape". */
  readonly calibration: string;
}

/** The parameters of one checkpoint, in Float64, with its update index. */
export interface CheckpointParams {
  readonly params: RbmParams64;
  readonly update: number;
}

/**
 * A training run as claims see it: the folder, its config and summary, the σ of W at init, and a
 * checkpoint loader (tests build synthetic runs through the same interface).
 */
export interface LoadedRun {
  readonly dir: string;
  readonly config: RunConfigFile;
  readonly summary: RunSummary;
  /** σ of the entries of W at init (from the config: initSigma, or the data init's formula). */
  readonly initSigma: number;
  /** Loads a checkpoint by its path relative to the run folder. */
  checkpoint(relativePath: string): Promise<CheckpointParams>;
}

/** One input built from a run, labelled for the report (e.g. "h64-r1 u00000900"). */
export interface LabelledInput<Input> {
  readonly label: string;
  readonly input: Input;
}

/** What {@link Claim.fromRun} returns: inputs and run-level negative controls, or a skip reason. */
export type RunInputs<Input> =
  | {
    readonly inputs: readonly LabelledInput<Input>[];
    /** Inputs from the same run where the claim must be rejected (e.g. the init checkpoint). */
    readonly negativeControls: readonly LabelledInput<Input>[];
  }
  | { readonly skipReason: string };

/** A claim of the paper as data plus functions. */
export interface Claim<Input> {
  /** Stable id, e.g. "C3". */
  readonly id: string;
  /** One falsifiable sentence, present tense. */
  readonly title: string;
  /** Where in the paper / SCIENCE.md. */
  readonly source: string;
  readonly kind: ClaimKind;
  /** Sizes and seeds; absent for claims that only read a run. */
  readonly inputs?: fc.Arbitrary<Input>;
  /** Pure and deterministic. */
  evaluate(input: Input): Evidence;
  /** The acceptance rule. */
  accept(evidence: Evidence, input: Input): boolean;
  /** An input where `accept` must be false. */
  readonly negativeControl: Input;
  /** Required for statistical and asymptotic claims. */
  readonly falseAlarm?: FalseAlarmBudget;
  /** fast-check runs when the caller does not say (heavier claims use fewer). */
  readonly numRuns?: number;
  /** Evidence keys shown in the verdict table (all keys go to JSON). */
  readonly headline: readonly string[];
  /** Builds inputs from a training run (claims about trained models). */
  fromRun?(run: LoadedRun): Promise<RunInputs<Input>>;
}

/** A claim whose input type is erased, as stored in the registry. */
// deno-lint-ignore no-explicit-any
export type AnyClaim = Claim<any>;
