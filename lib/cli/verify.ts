/**
 * `deno task verify`: checks every claim of the registry (lib/claims) and writes the verdicts.
 * Without `--run` it trains the verify preset with the library's own training code into
 * runs/verify-cache-<hash>/ (hash of the settings and of the training code), reusing that run while
 * neither changes.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { writeJsonAtomic, writeTextAtomic } from "../io/atomic.ts";
import { checkClaim, type Verdict } from "../claims/check.ts";
import type { AnyClaim, LoadedRun } from "../claims/claim.ts";
import { CLAIMS, selectClaims } from "../claims/registry.ts";
import {
  overallStatus,
  verdictMarkdown,
  verdictTable,
  type VerifyReport,
} from "../claims/report.ts";
import { loadRunForClaims } from "../claims/run.ts";
import { resolveConfig, type TrainConfig } from "../train/config.ts";
import { loadRun } from "../train/run_folder.ts";
import { train } from "../train/train.ts";
import { parseNumberFlag, UsageError } from "./args.ts";

/** The default fast-check seed: verdicts at this seed are reproducible (and committed in README). */
export const DEFAULT_VERIFY_SEED = 20250321;

/**
 * The training the trained-model claims need, small enough for 2 cores (≈ 1 min): hidden 32 and 64,
 * one replica each, 15 epochs of a seeded 6000-image subset (60 updates per epoch, so 16
 * checkpoints resolve the λ = 4 crossings for C7), otherwise the default preset (PCD-10, Adam 1e-3,
 * data init). After 900 updates λ₁ ≈ 15 and 6–8 modes are above 4.
 */
export function verifyTrainConfig(): TrainConfig {
  return resolveConfig("default", {
    hidden: [32, 64],
    replicas: 1,
    trainSize: 6000,
    epochs: 15,
    metricsSample: 200,
  });
}

/** `--help` text. */
export const VERIFY_HELP = `Usage: deno task verify [options]

Checks the claims of arXiv 2503.21536 (registry: lib/claims/registry.ts) as executable properties:
each claim's negative control must be rejected, fast-check searches its inputs for a
counterexample, and claims about trained models read a training run. Prints a verdict table and
writes verify.json and verify.md into the run folder (or --out).

Without --run, trains the verify preset (hidden 32,64; 15 epochs of 6000 images; ≈ 1 min on 2
cores) into runs/verify-cache-<hash>/, reused while the settings and training code are unchanged.

Options
  --run DIR          use this training run (from deno task train); claims needing what it lacks
                     are skipped with the reason
  --no-train         do not train: claims about trained models are skipped unless --run is given
  --seed N           fast-check seed (default: ${DEFAULT_VERIFY_SEED})
  --num-runs N       fast-check runs per claim (default: each claim's own, 3–100)
  --only LIST        comma-separated claim ids, e.g. C3,C5 (C8 = C8a,C8b); default all:
                     ${CLAIMS.map((c) => c.id).join(",")}
  --replay PATH      replay a counterexample path printed by a failed run (needs --only with one
                     claim and the same --seed)
  --out DIR          where verify.json and verify.md go (default: the run folder, else runs/verify)
  --help             this text

Exit codes: 0 every claim supported or skipped, 1 any refuted or error, 2 bad command line.
`;

/** A parsed verify command line. */
export interface VerifyCommand {
  readonly help: boolean;
  readonly run: string | null;
  readonly noTrain: boolean;
  readonly seed: number;
  readonly numRuns: number | null;
  readonly claims: readonly AnyClaim[];
  readonly replay: string | null;
  readonly out: string | null;
}

/**
 * Parses the verify command line; throws {@link UsageError} on any problem.
 *
 * @example
 * ```ts
 * import { parseVerifyArgs } from "./verify.ts";
 * const c = parseVerifyArgs(["--only", "C1,C2", "--seed", "7"]);
 * console.assert(c.claims.length === 2 && c.seed === 7 && c.run === null);
 * ```
 */
export function parseVerifyArgs(args: string[]): VerifyCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: "boolean", default: false },
        run: { type: "string" },
        "no-train": { type: "boolean", default: false },
        seed: { type: "string" },
        "num-runs": { type: "string" },
        only: { type: "string" },
        replay: { type: "string" },
        out: { type: "string" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  const seed = v.seed === undefined ? DEFAULT_VERIFY_SEED : parseNumberFlag("seed", v.seed, true);
  if (seed < -0x80000000 || seed > 0x7fffffff) {
    throw new UsageError(
      `Cannot use --seed as it must be a 32-bit integer: current value is ${seed}`,
    );
  }
  const numRuns = v["num-runs"] === undefined
    ? null
    : parseNumberFlag("num-runs", v["num-runs"], true);
  if (numRuns !== null && numRuns < 0) {
    throw new UsageError(`Cannot use --num-runs as it must be ≥ 0: current value is ${numRuns}`);
  }
  let claims: readonly AnyClaim[] = CLAIMS;
  if (v.only !== undefined) {
    try {
      claims = selectClaims(v.only.split(","));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (claims.length === 0) {
      throw new UsageError(
        `Cannot use --only as it selects no claim: current value is "${v.only}"`,
      );
    }
  }
  const replay = v.replay ?? null;
  if (replay !== null && claims.length !== 1) {
    throw new UsageError(
      `Cannot use --replay as it needs --only with exactly one claim: current value is ${claims.length} claims`,
    );
  }
  if (v.run !== undefined && v["no-train"]) {
    throw new UsageError("Cannot use --no-train with --run as --run never trains");
  }
  return {
    help: v.help,
    run: v.run ?? null,
    noTrain: v["no-train"],
    seed,
    numRuns,
    claims,
    replay,
    out: v.out ?? null,
  };
}

/** Source folders whose code decides a training run (their .ts files enter the cache key). */
const TRAINING_CODE = ["../train/", "../rbm/", "../data/", "../random/", "../linalg/", "../io/"];

/**
 * The cache key of a training config: the first 12 hex digits of SHA-256 over the config and the
 * source of the training code (lib/train, rbm, data, random, linalg, io; tests excluded).
 */
export async function trainingCacheKey(config: TrainConfig): Promise<string> {
  const parts: string[] = [JSON.stringify(config)];
  for (const folder of TRAINING_CODE) {
    const url = new URL(folder, import.meta.url);
    const names: string[] = [];
    for await (const entry of Deno.readDir(url)) {
      if (entry.isFile && entry.name.endsWith(".ts") && !entry.name.endsWith("_test.ts")) {
        names.push(entry.name);
      }
    }
    for (const name of names.sort()) {
      parts.push(folder + name, await Deno.readTextFile(new URL(name, url)));
    }
  }
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(parts.join("\0")));
  return Array.from(new Uint8Array(digest).slice(0, 6), (b) => b.toString(16).padStart(2, "0"))
    .join("");
}

/** Whether `dir` holds a finished run (every model done). */
async function finishedRun(dir: string): Promise<boolean> {
  try {
    const { summary } = await loadRun(dir);
    return summary.models.length > 0 && summary.models.every((m) => m.status === "done");
  } catch {
    return false;
  }
}

/** Trains the verify preset into its cache folder unless a finished run is already there. */
async function cachedTrainingRun(): Promise<string> {
  const config = verifyTrainConfig();
  const dir = `runs/verify-cache-${await trainingCacheKey(config)}`;
  if (await finishedRun(dir)) {
    console.log(`Reusing the cached training run ${dir}`);
    return dir;
  }
  await Deno.remove(dir, { recursive: true }).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
  console.log(
    `Training the verify preset into ${dir} (hidden ${
      config.hidden.join(",")
    }, ${config.epochs} epochs of ${config.trainSize} images; ≈ 30 s on 2 cores)…`,
  );
  const start = performance.now();
  const result = await train(config, {
    out: dir,
    onLog: (line) => console.log(`  ${line}`),
    workers: Math.min(navigator.hardwareConcurrency ?? 1, config.hidden.length * config.replicas),
  });
  if (result.interrupted || !(await finishedRun(dir))) {
    throw new Error(
      `Cannot use the training run ${dir} as it did not finish: current value is ${
        result.summary.models.map((m) => `${m.id} ${m.status}`).join(", ")
      }`,
    );
  }
  console.log(`Trained in ${((performance.now() - start) / 1000).toFixed(0)} s`);
  return dir;
}

/**
 * Runs the verify command; returns the process exit code (0 all supported or skipped, 1 any
 * refuted or error, 2 usage error).
 *
 * @example
 * ```ts ignore
 * import { runVerifyCli } from "./verify.ts";
 * Deno.exit(await runVerifyCli(Deno.args));
 * ```
 */
export async function runVerifyCli(args: string[]): Promise<number> {
  let command: VerifyCommand;
  let run: LoadedRun | undefined;
  try {
    command = parseVerifyArgs(args);
    if (command.help) {
      console.log(VERIFY_HELP);
      return 0;
    }
    if (command.run !== null) {
      run = await loadRunForClaims(command.run).catch((error) => {
        throw new UsageError((error as Error).message);
      });
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const start = performance.now();
  const needsRun = command.claims.some((c) => c.fromRun !== undefined);
  if (run === undefined && needsRun && !command.noTrain) {
    run = await loadRunForClaims(await cachedTrainingRun());
  }
  console.log(
    `Checking ${command.claims.length} claim(s), seed ${command.seed}` +
      (run !== undefined ? `, run ${run.dir}` : ", no run"),
  );
  const verdicts: Verdict[] = [];
  for (const claim of command.claims) {
    const numRuns = command.numRuns ?? claim.numRuns ?? 100;
    const verdict = await checkClaim(claim, {
      seed: command.seed,
      numRuns,
      run,
      ...(command.replay !== null ? { replayPath: command.replay } : {}),
    });
    verdicts.push(verdict);
    console.log(
      `  ${verdict.id.padEnd(4)} ${verdict.status.padEnd(9)} ${verdict.seconds.toFixed(1)} s` +
        (verdict.message !== "" ? `  ${verdict.message}` : ""),
    );
  }
  const overall = overallStatus(verdicts);
  const report: VerifyReport = {
    kind: "rbm-landscape-verify",
    schemaVersion: 1,
    createdAt: new Date().toISOString(),
    run: run?.dir ?? null,
    seed: command.seed,
    numRuns: command.numRuns,
    verdicts,
    overall,
  };
  const outDir = command.out ?? run?.dir ?? "runs/verify";
  await Deno.mkdir(outDir, { recursive: true });
  await writeJsonAtomic(`${outDir}/verify.json`, report);
  await writeTextAtomic(`${outDir}/verify.md`, verdictMarkdown(verdicts));
  console.log("");
  console.log(verdictTable(verdicts));
  console.log("");
  console.log(
    `Overall: ${overall} in ${
      ((performance.now() - start) / 1000).toFixed(0)
    } s; wrote ${outDir}/verify.json and ${outDir}/verify.md`,
  );
  return overall === "supported" ? 0 : 1;
}
