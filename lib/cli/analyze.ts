/**
 * `deno task analyze <run dir>`: analyzes the models of a run folder, writes
 * DIR/models/<id>/analysis.json and DIR/analysis.json, and prints a summary table.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { analyzeRun, DEFAULT_ANALYSIS_SEED, DEFAULT_NULL_SAMPLES } from "../analysis/analyze.ts";
import { formatRunAnalysis } from "../analysis/format.ts";
import { loadRun } from "../train/run_folder.ts";
import { parseNumberFlag, UsageError } from "./args.ts";

/** `--help` text: every flag, its default and meaning. */
export const ANALYZE_HELP = `Usage: deno task analyze [options] <run dir>

Analyzes every model of a run folder made by \`deno task train\` and writes
DIR/models/<id>/analysis.json per model and DIR/analysis.json for all of them (schema:
lib/analysis/README.md), then prints a summary table:
  - init (epoch-0 checkpoint): Marčenko–Pastur fit (σ̂ vs the init σ, edges, KS distance with a
    p-value from simulated Gaussian matrices of the same shape), spikes by edge + Tracy–Widom test;
  - trained (latest checkpoint): λ₁, spikes above the refitted bulk, modes with λ > 4, bulk widening;
  - crossings of λ = 4 from spectrum.ndjson: first update per rank, order, Kendall τ vs final rank;
  - rotation Jensen–Shannon test (Givens and Haar) of init and trained W vs its Gaussian null;
  - Gaussian limit of x = Uᵀv (mean ½ΣU, variance ¼, Pearson kurtosis 3 − 2ΣU⁴) and saddle energy.

Options
  --seed N               base seed of all simulation; per model deriveSeed(N, hidden, replica)
                         (default: ${DEFAULT_ANALYSIS_SEED})
  --null-samples R       simulated matrices per null (MP fit and rotation JS); p-values resolve
                         to 1/(R+1); cost grows linearly (default: ${DEFAULT_NULL_SAMPLES})
  --models LIST          comma-separated model ids to analyze, e.g. h64-r1,h64-r2 (default: all)
  --help                 this text

Exit codes: 0 done, 2 bad command line or not a run folder.
`;

/** A parsed analyze command line. */
export interface AnalyzeCommand {
  readonly help: boolean;
  readonly runDir: string | null;
  readonly seed: number;
  readonly nullSamples: number;
  readonly models: string[] | null;
}

/**
 * Parses the analyze command line; throws {@link UsageError} on any bad flag or value.
 *
 * @example
 * ```ts
 * import { parseAnalyzeArgs } from "./analyze.ts";
 * const cmd = parseAnalyzeArgs(["runs/x", "--null-samples", "50", "--models", "h64-r1,h32-r2"]);
 * console.assert(cmd.runDir === "runs/x" && cmd.nullSamples === 50 && cmd.models?.[1] === "h32-r2");
 * ```
 */
export function parseAnalyzeArgs(args: string[]): AnalyzeCommand {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args,
      options: {
        help: { type: "boolean" },
        seed: { type: "string" },
        "null-samples": { type: "string" },
        models: { type: "string" },
      },
      strict: true,
      allowPositionals: true,
    });
    values = parsed.values as Record<string, string | boolean | undefined>;
    positionals = parsed.positionals;
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (see --help)`);
  }
  const help = values.help === true;
  if (positionals.length > 1) {
    throw new UsageError(
      `Cannot analyze as exactly one run folder must be given: current value is ${
        positionals.join(" ")
      }`,
    );
  }
  const seed = typeof values.seed === "string"
    ? parseNumberFlag("seed", values.seed, true)
    : DEFAULT_ANALYSIS_SEED;
  const nullSamples = typeof values["null-samples"] === "string"
    ? parseNumberFlag("null-samples", values["null-samples"], true)
    : DEFAULT_NULL_SAMPLES;
  if (nullSamples < 1) {
    throw new UsageError(
      `Cannot use --null-samples as it must be a positive integer: current value is ${nullSamples}`,
    );
  }
  let models: string[] | null = null;
  if (typeof values.models === "string") {
    models = values.models.split(",").map((id) => id.trim());
    if (models.some((id) => id === "")) {
      throw new UsageError(
        `Cannot use --models as it must list model ids like h64-r1: current value is ${
          JSON.stringify(values.models)
        }`,
      );
    }
  }
  if (!help && positionals.length === 0) {
    throw new UsageError(
      "Cannot analyze as no run folder was given: current value is missing (usage: deno task analyze <run dir>)",
    );
  }
  return { help, runDir: positionals[0] ?? null, seed, nullSamples, models };
}

/** Checks the run folder and the model subset before any work; UsageError otherwise. */
async function checkRun(runDir: string, models: string[] | null): Promise<void> {
  try {
    const info = await Deno.stat(runDir);
    if (!info.isDirectory) {
      throw new UsageError(
        `Cannot analyze ${runDir} as it is not a folder: current value is a file`,
      );
    }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new UsageError(
        `Cannot analyze ${runDir} as the folder does not exist: current value is ${runDir}`,
      );
    }
    throw error;
  }
  let ids: string[];
  try {
    ids = (await loadRun(runDir)).summary.models.map((m) => m.id);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  for (const id of models ?? []) {
    if (!ids.includes(id)) {
      throw new UsageError(
        `Cannot use --models as ${id} is not a model of this run (models: ${
          ids.join(", ")
        }): current value is ${id}`,
      );
    }
  }
}

/**
 * Runs the analyze command; returns the process exit code.
 *
 * @example
 * ```ts ignore
 * import { runAnalyzeCli } from "./analyze.ts";
 * Deno.exit(await runAnalyzeCli(Deno.args));
 * ```
 */
export async function runAnalyzeCli(args: string[]): Promise<number> {
  let command: AnalyzeCommand;
  try {
    command = parseAnalyzeArgs(args);
    if (command.help) {
      console.log(ANALYZE_HELP);
      return 0;
    }
    await checkRun(command.runDir!, command.models);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const runDir = command.runDir!;
  console.log(
    `Analyzing ${runDir}: seed ${command.seed}, ${command.nullSamples} simulated matrices per null` +
      (command.models === null ? "" : `, models ${command.models.join(",")}`),
  );
  const start = performance.now();
  const run = await analyzeRun(runDir, {
    seed: command.seed,
    nullSamples: command.nullSamples,
    models: command.models ?? undefined,
    onModel: (e) => {
      const what = e.skipped === null
        ? `done in ${e.seconds.toFixed(1)} s`
        : `skipped: ${e.skipped}`;
      console.log(`  [${e.index}/${e.count}] ${e.modelId} ${what}`);
    },
  });
  console.log("");
  console.log(formatRunAnalysis(run));
  console.log(
    `Wrote ${runDir}/analysis.json and ${run.models.length} × ${runDir}/models/<id>/analysis.json ` +
      `in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  return 0;
}
