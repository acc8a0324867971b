/**
 * `deno task train`: trains RBM replicas × hidden sizes on MNIST into a run folder.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { resolveConfig, type TrainConfig, type TrainOverrides } from "../train/config.ts";
import { initBackend } from "../rbm/backend.ts";
import {
  ASSUMED_GFLOPS,
  estimateRun,
  formatBytes,
  formatDuration,
  measureSecondsPerUpdate,
} from "../train/estimate.ts";
import { isEmptyOrMissing, loadRun } from "../train/run_folder.ts";
import { assertResumable, plannedModels, type ProgressEvent, train } from "../train/train.ts";
import { parseIntegerList, parseNumberFlag, UsageError } from "./args.ts";

/** `--help` text: every flag, its default and meaning. */
export const TRAIN_HELP = `Usage: deno task train [options]

Trains binary {0,1} RBMs (every hidden size × replica) on MNIST and writes a run folder with
checkpoints, per-epoch metrics and singular-value spectra (see README, "The run folder").

Presets
  --preset NAME           default (minutes on 2 cores; λ₁ > 4) | paper (SCIENCE.md §10, GPU scale) | tiny
Model and sweep
  --hidden LIST           hidden sizes, comma-separated            (default: 32,64; paper: 500,784,1200,3000)
  --replicas N            replicas per hidden size                 (default: 2; paper: 5)
  --init KIND             data (paper's trained models) | gaussian (W, a, b iid N(0, σ²))   (default: data)
  --init-sigma S          σ of the gaussian init                   (default: 0.01)
Training
  --epochs N              epochs                                   (default: 2; paper: 100)
  --batch-size N          rows per update                          (default: 100; paper: 500)
  --method M              pcd | cd                                 (default: pcd)
  --gibbs-steps K         Gibbs sweeps per update                  (default: 10; paper: 500)
  --chains N              persistent chains (PCD)                  (default: 100; paper: 500)
  --optimizer O           adam (β 0.9, 0.999, ε 1e-8) | sgd (with momentum)   (default: adam)
  --learning-rate X       step size                                (default: 0.001)
  --momentum X            SGD momentum                             (default: 0.9)
  --weight-decay X        L2 penalty on W                          (default: 0)
  --seed N                base seed; model seeds derive from (seed, hidden, replica)   (default: 2025)
  --backend B             wasm | cpu (wasm falls back to cpu with a notice)   (default: wasm)
Data
  --data DIR              IDX files of MNIST or Fashion-MNIST (plain or .gz); default: embedded MNIST
  --binarize KIND         threshold | stochastic                   (default: threshold)
  --threshold X           pixel = 1 iff intensity/255 > X          (default: 0.5)
  --train-size N          seeded subset of the training images     (default: all 60000)
Logging and checkpoints
  --spectrum-every K      log top singular values every K updates  (default: 25)
  --spectrum-top k        how many top singular values             (default: 20)
  --checkpoint-every E    checkpoint every E epochs (init and last always)   (default: 1)
  --keep-checkpoints W    all | last (init + latest only)          (default: all)
  --metrics-sample N      train/test rows for per-epoch metrics    (default: 1000)
Run folder
  --out DIR               run folder (default: runs/<timestamp>); must be missing or empty
  --resume DIR            continue an interrupted run (--epochs may grow; other changes refused)
  --workers N             models trained at once, one per core    (default: min(cores, models); 1 = this thread)
  --yes                   start runs estimated to take over an hour
  --help                  this text

Exit codes: 0 done, 1 a model failed, 2 bad command line, 130 interrupted (Ctrl-C; resume command printed).
`;

const NUMBER_FLAGS = {
  replicas: ["replicas", true],
  epochs: ["epochs", true],
  "batch-size": ["batchSize", true],
  "gibbs-steps": ["gibbsSteps", true],
  chains: ["chains", true],
  "learning-rate": ["learningRate", false],
  momentum: ["momentum", false],
  "weight-decay": ["weightDecay", false],
  "init-sigma": ["initSigma", false],
  seed: ["seed", true],
  threshold: ["threshold", false],
  "train-size": ["trainSize", true],
  "spectrum-every": ["spectrumEvery", true],
  "spectrum-top": ["spectrumTop", true],
  "checkpoint-every": ["checkpointEvery", true],
  "metrics-sample": ["metricsSample", true],
  workers: ["workers", true],
} as const;

const STRING_FLAGS = {
  method: "method",
  optimizer: "optimizer",
  init: "init",
  backend: "backend",
  data: "data",
  binarize: "binarize",
  "keep-checkpoints": "keepCheckpoints",
} as const;

/** A parsed train command line. */
export interface TrainCommand {
  readonly help: boolean;
  readonly preset: string;
  readonly overrides: TrainOverrides;
  readonly out: string | null;
  readonly resume: string | null;
  readonly yes: boolean;
  /** Models trained at once (--workers), or null for the default. */
  readonly workers: number | null;
}

/**
 * Parses the train command line; throws {@link UsageError} on any bad flag or value.
 *
 * @example
 * ```ts
 * import { parseTrainArgs } from "./train.ts";
 * const cmd = parseTrainArgs(["--hidden", "64,128", "--epochs", "3"]);
 * console.assert(cmd.overrides.hidden?.[1] === 128 && cmd.overrides.epochs === 3);
 * ```
 */
export function parseTrainArgs(args: string[]): TrainCommand {
  const options: Record<string, { type: "string" | "boolean" }> = {
    help: { type: "boolean" },
    yes: { type: "boolean" },
    preset: { type: "string" },
    hidden: { type: "string" },
    out: { type: "string" },
    resume: { type: "string" },
  };
  for (const flag of [...Object.keys(NUMBER_FLAGS), ...Object.keys(STRING_FLAGS)]) {
    options[flag] = { type: "string" };
  }
  // "--flag -1": let a negative number through as the flag's value (it is then validated).
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const next = args[i + 1];
    if (
      args[i].startsWith("--") && !args[i].includes("=") && next !== undefined && /^-\d/.test(next)
    ) {
      joined.push(`${args[i]}=${next}`);
      i += 1;
    } else {
      joined.push(args[i]);
    }
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    const parsed = parseArgs({ args: joined, options, strict: true, allowPositionals: false });
    values = parsed.values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (see --help)`);
  }
  const overrides: Record<string, unknown> = {};
  if (typeof values.hidden === "string") {
    overrides.hidden = parseIntegerList("hidden", values.hidden);
  }
  for (const [flag, [key, integer]] of Object.entries(NUMBER_FLAGS)) {
    const text = values[flag];
    if (typeof text === "string") overrides[key] = parseNumberFlag(flag, text, integer);
  }
  for (const [flag, key] of Object.entries(STRING_FLAGS)) {
    const text = values[flag];
    if (typeof text === "string") overrides[key] = text;
  }
  const workers = (overrides.workers as number | undefined) ?? null;
  delete overrides.workers;
  if (workers !== null && workers < 1) {
    throw new UsageError(
      `Cannot use --workers as it must be a positive integer: current value is ${workers}`,
    );
  }
  return {
    help: values.help === true,
    preset: typeof values.preset === "string" ? values.preset : "default",
    overrides: overrides as TrainOverrides,
    out: typeof values.out === "string" ? values.out : null,
    resume: typeof values.resume === "string" ? values.resume : null,
    yes: values.yes === true,
    workers,
  };
}

function timestamp(): string {
  return new Date().toISOString().replace(/:/g, "-").replace(/\..*$/, "");
}

async function assertFolder(flag: string, path: string): Promise<void> {
  try {
    const info = await Deno.stat(path);
    if (!info.isDirectory) {
      throw new UsageError(`Cannot use --${flag} as it must be a folder: current value is ${path}`);
    }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new UsageError(
        `Cannot use --${flag} as the folder does not exist: current value is ${path}`,
      );
    }
    throw error;
  }
}

/** One model's progress as a line: epoch, update, rate, ETA, reconstruction error, λ₁. */
function progressLine(e: ProgressEvent): string {
  const lambda = Number.isFinite(e.topSingularValue) ? e.topSingularValue.toFixed(2) : "–";
  const recon = Number.isFinite(e.reconstructionError) ? e.reconstructionError.toFixed(4) : "–";
  return `[${e.modelIndex}/${e.modelCount}] ${e.modelId} epoch ${e.epoch}/${e.epochs} ` +
    `update ${e.update}/${e.totalUpdates} ${e.updatesPerSecond.toFixed(1)} upd/s ` +
    `ETA ${formatDuration(e.etaSeconds)} recon ${recon} λ₁ ${lambda}`;
}

/**
 * Renders progress. On a terminal: one rewritten status line (one compact segment per model in
 * training when several train at once) and a permanent line per finished epoch. Otherwise: a plain
 * line per epoch and per model every 30 s.
 */
function progressPrinter(isTerminal: boolean): (e: ProgressEvent) => void {
  const lastPlain = new Map<string, number>();
  const active = new Map<string, ProgressEvent>();
  let lastTerminal = 0;
  const encoder = new TextEncoder();
  const status = () => {
    if (active.size === 1) return progressLine([...active.values()][0]);
    return [...active.values()].map((e) =>
      `${e.modelId} e${e.epoch}/${e.epochs} ${e.update}/${e.totalUpdates} ` +
      `${e.updatesPerSecond.toFixed(0)}/s λ₁ ${
        Number.isFinite(e.topSingularValue) ? e.topSingularValue.toFixed(1) : "–"
      }`
    ).join(" │ ");
  };
  return (e) => {
    const now = performance.now();
    if (e.kind === "epoch" && e.epoch === e.epochs) active.delete(e.modelId);
    else active.set(e.modelId, e);
    if (isTerminal) {
      if (e.kind === "epoch") {
        Deno.stdout.writeSync(encoder.encode(`\r\x1b[2K${progressLine(e)}\n`));
      }
      if (active.size > 0 && (e.kind === "epoch" || now - lastTerminal > 200)) {
        const columns = Deno.consoleSize?.().columns ?? 160;
        Deno.stdout.writeSync(encoder.encode(`\r\x1b[2K${status().slice(0, columns - 1)}`));
        lastTerminal = now;
      }
    } else if (e.kind === "epoch" || now - (lastPlain.get(e.modelId) ?? 0) > 30_000) {
      console.log(progressLine(e));
      lastPlain.set(e.modelId, now);
    }
  };
}

/**
 * Runs the train command; returns the process exit code.
 *
 * @example
 * ```ts ignore
 * import { runTrainCli } from "./train.ts";
 * Deno.exit(await runTrainCli(Deno.args));
 * ```
 */
export async function runTrainCli(args: string[]): Promise<number> {
  let command: TrainCommand;
  let config: TrainConfig;
  let runDir: string;
  try {
    command = parseTrainArgs(args);
    if (command.help) {
      console.log(TRAIN_HELP);
      return 0;
    }
    if (command.resume !== null) {
      if (command.out !== null) {
        throw new UsageError("Cannot use --out with --resume as the run folder is the one resumed");
      }
      await assertFolder("resume", command.resume);
      const saved = await loadRun(command.resume).catch((error) => {
        throw new UsageError((error as Error).message);
      });
      config = resolveConfig(saved.config.config.preset, {
        ...saved.config.config,
        ...command.overrides,
      });
      try {
        assertResumable(saved.config.config, config);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      runDir = command.resume;
    } else {
      config = resolveConfig(command.preset, command.overrides);
      runDir = command.out ?? `runs/${timestamp()}`;
      if (!(await isEmptyOrMissing(runDir))) {
        throw new UsageError(
          `Cannot use --out ${runDir} as it must be a missing or empty folder: current value is a non-empty folder (continue a run with --resume ${runDir})`,
        );
      }
    }
    if (config.data !== null) await assertFolder("data", config.data);
  } catch (error) {
    if (error instanceof UsageError || error instanceof RangeError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    throw error;
  }

  // A probe of a few updates per hidden size makes the estimate honest; runs that would take days
  // even at the assumed throughput are refused (below) without probing.
  let estimate = estimateRun(config, config.trainSize ?? 60000, 784);
  let basis = `assumed ${ASSUMED_GFLOPS[config.backend]} GFLOP/s`;
  if (estimate.seconds < 86400) {
    const backend = await initBackend(config.backend);
    const measured: Record<number, number> = {};
    for (const m of config.hidden) measured[m] = measureSecondsPerUpdate(config, 784, m);
    estimate = estimateRun(config, config.trainSize ?? 60000, 784, measured);
    basis = `measured here on tfjs-${backend.active}: ` +
      config.hidden.map((m) => `${(1000 * measured[m]).toFixed(0)} ms/update at ${m} hidden`).join(
        ", ",
      );
  }
  const workers = Math.max(
    1,
    Math.min(command.workers ?? navigator.hardwareConcurrency ?? 1, estimate.models),
  );
  console.log(
    `Training ${estimate.models} model(s): hidden ${
      config.hidden.join(",")
    } × ${config.replicas} replica(s), ` +
      `${config.epochs} epoch(s), ${config.method.toUpperCase()}-${config.gibbsSteps}, batch ${config.batchSize}` +
      `${
        config.method === "pcd" ? `, ${config.chains} chains` : ""
      }, ${config.optimizer} lr ${config.learningRate}, ` +
      `init ${config.init}, seed ${config.seed}, backend ${config.backend}`,
  );
  console.log(
    `Estimate: ${estimate.updatesPerModel} updates per model, ≈${
      formatDuration(estimate.seconds / workers)
    } (${basis}), ` +
      `checkpoints ≈${formatBytes(estimate.diskBytes)} (${
        formatBytes(estimate.bytesPerCheckpoint)
      } each; ` +
      `--keep-checkpoints last keeps 2 per model, --checkpoint-every E thins them)`,
  );

  if (workers > 1) {
    console.log(
      `Training ${workers} models at once (one worker each; --workers 1 trains in this thread)`,
    );
  }
  if (estimate.seconds / workers > 3600 && !command.yes) {
    console.error(
      "error: Cannot start as this run is estimated to take over an hour here: add --yes to start it anyway " +
        "(the paper preset is GPU work), or scale it down (--hidden, --epochs, --gibbs-steps, --train-size)",
    );
    return 2;
  }
  console.log(`Run folder: ${runDir}`);
  for (const m of plannedModels(config)) console.log(`  ${m.id}: seed ${m.seed}`);

  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts > 1) Deno.exit(130);
    console.error("\nInterrupt: writing a checkpoint (press Ctrl-C again to quit at once)…");
    controller.abort();
  };
  Deno.addSignalListener("SIGINT", onSigint);
  try {
    const result = await train(config, {
      out: runDir,
      resume: command.resume !== null,
      workers,
      signal: controller.signal,
      onLog: (line) => console.log(line),
      onProgress: progressPrinter(Deno.stdout.isTerminal()),
    });
    if (result.interrupted) {
      console.error(
        `Interrupted. Resume with: deno task train --resume ${runDir}` +
          ` (without Deno installed: npx -y deno@2.9.6 task train --resume ${runDir})`,
      );
      return 130;
    }
    console.log("\nModel        status   epochs  updates   λ₁       modes λ>4");
    for (const m of result.summary.models) {
      const above = m.singularValues.filter((s) => s > 4).length;
      console.log(
        `${m.id.padEnd(12)} ${m.status.padEnd(8)} ${String(m.epochsDone).padStart(6)}  ${
          String(m.updatesDone).padStart(7)
        }   ${(m.singularValues[0] ?? NaN).toFixed(3).padStart(7)}  ${String(above).padStart(9)}`,
      );
    }
    console.log(`Run folder: ${runDir} (summary.json, config.json, models/<id>/…)`);
    return result.summary.models.some((m) => m.status === "failed") ? 1 : 0;
  } catch (error) {
    if (error instanceof RangeError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    throw error;
  } finally {
    Deno.removeSignalListener("SIGINT", onSigint);
  }
}
