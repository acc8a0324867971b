/**
 * The training loop: every hidden size × replica of a {@link TrainConfig}, one model after another,
 * with checkpoints, metrics and spectra written into the run folder (lib/train/run_folder.ts).
 *
 * @module
 */

import { tf } from "../deps.ts";
import { deriveSeed } from "../random/mod.ts";
import { type BackendInfo, initBackend } from "../rbm/backend.ts";
import { type TrainConfig, TRAJECTORY_SETTINGS, validateConfig } from "./config.ts";
import { prepareData } from "./dataset.ts";
import {
  isEmptyOrMissing,
  loadRun,
  modelId,
  type ModelSummary,
  RUN_SCHEMA_VERSION,
  type RunConfigFile,
  type RunSummary,
  writeSummary,
} from "./run_folder.ts";
import { ModelTrainer } from "./model_trainer.ts";
import type { FromModelWorker, ToModelWorker } from "./model_worker.ts";
import { writeJsonAtomic } from "../io/atomic.ts";

/** A progress report, emitted after every update and at every epoch end. */
export interface ProgressEvent {
  /** The model being trained, e.g. "h64-r1". */
  readonly modelId: string;
  /** Position of this model in the sweep (1-based). */
  readonly modelIndex: number;
  /** Number of models in the sweep. */
  readonly modelCount: number;
  /** The epoch under way (1-based; at an "epoch" event, the epoch just finished). */
  readonly epoch: number;
  /** Epochs planned for this model. */
  readonly epochs: number;
  /** Updates this model has done so far. */
  readonly update: number;
  /** Updates this model will have done at the end: epochs × updates per epoch. */
  readonly totalUpdates: number;
  /** Update rate since this model started or resumed in this process. */
  readonly updatesPerSecond: number;
  /** Seconds left for this model at that rate (Infinity while the rate is 0). */
  readonly etaSeconds: number;
  /** Latest per-epoch reconstruction error (NaN before the first epoch ends). */
  readonly reconstructionError: number;
  /** Latest logged largest singular value. */
  readonly topSingularValue: number;
  /** "update" after every update, "epoch" after every epoch end. */
  readonly kind: "update" | "epoch";
}

/** Per-epoch metrics, one NDJSON line each in metrics.ndjson. */
export interface EpochMetrics {
  /** Completed epochs (0 for the line written at init). */
  readonly epoch: number;
  /** Updates done. */
  readonly update: number;
  /** Mean-field reconstruction error: mean of (v − σ(a + W p(h|v)))² over pixels and sample rows. */
  readonly reconstructionError: number;
  /** Mean free energy F(v) of the first `metricsSample` training rows. */
  readonly freeEnergyTrain: number;
  /** Mean free energy F(v) of the first `metricsSample` test rows. */
  readonly freeEnergyTest: number;
  /** freeEnergyTest − freeEnergyTrain (grows when the model overfits). */
  readonly freeEnergyGap: number;
  /** The ten largest singular values of W, descending (fewer when min(N, M) < 10). */
  readonly topSingularValues: number[];
  /** Number of singular values above 4 (condensed modes at β = 1). */
  readonly modesAbove4: number;
  /** Σᵢ a₀ᵢb₀ᵢ/λᵢ over paired modes. */
  readonly saddleEnergy: number;
  /** Mean of the entries of W. */
  readonly weightMean: number;
  /** Mean of the squared entries of W. */
  readonly weightMeanSquare: number;
  /** Seconds spent training this model so far. */
  readonly wallSeconds: number;
}

/** Callbacks and cancellation for {@link train}. */
export interface TrainHooks {
  /** Called after every update and at every epoch end. */
  onProgress?: (event: ProgressEvent) => void;
  /** Plain log lines (model started, checkpoint written, failures). */
  onLog?: (line: string) => void;
  /** Aborting writes a checkpoint of the model in progress and returns with `interrupted: true`. */
  signal?: AbortSignal;
}

/** Where {@link train} writes, whether it resumes, and its callbacks. */
export interface TrainOptions extends TrainHooks {
  /** The run folder: missing or empty for a new run (default: runs/<timestamp>). */
  out?: string;
  /** Continue the run already in `out` (settings that change a trajectory must be unchanged). */
  resume?: boolean;
  /**
   * Models trained at once, each in its own worker (default 1: in this thread). The tfjs wasm
   * backend uses one core, so 2 halves a sweep's time on 2 cores; results are identical.
   */
  workers?: number;
}

export { updatesPerEpoch } from "./model_trainer.ts";

/** What {@link train} did. */
export interface TrainResult {
  /** The run folder written (`options.out` or the default runs/<timestamp>). */
  readonly runDir: string;
  /** True when `signal` aborted training (a checkpoint of the model in progress was written). */
  readonly interrupted: boolean;
  /** The final contents of summary.json. */
  readonly summary: RunSummary;
  /** The tfjs backend that trained the models. */
  readonly backend: BackendInfo;
}

async function gitCommit(): Promise<string | null> {
  try {
    const out = await new Deno.Command("git", {
      args: ["rev-parse", "HEAD"],
      cwd: new URL(".", import.meta.url).protocol === "file:"
        ? decodeURIComponent(new URL(".", import.meta.url).pathname)
        : undefined,
      stdout: "piped",
      stderr: "null",
    }).output();
    return out.success ? new TextDecoder().decode(out.stdout).trim() : null;
  } catch {
    return null;
  }
}

/** Every model of a config, with its seed: a function of (base seed, hidden size, replica) only. */
export function plannedModels(
  config: TrainConfig,
): { id: string; numHidden: number; replica: number; seed: number }[] {
  const models = [];
  for (const numHidden of config.hidden) {
    for (let replica = 1; replica <= config.replicas; replica++) {
      models.push({
        id: modelId(numHidden, replica),
        numHidden,
        replica,
        seed: deriveSeed(config.seed, numHidden, replica),
      });
    }
  }
  return models;
}

/**
 * Trains every model of `config` into the run folder `options.out` (which must be missing or empty),
 * or, with `resume: true`, continues the run already there (settings that change a trajectory must
 * be unchanged; `epochs` may grow).
 *
 * @example Train a tiny model
 * ```ts ignore
 * import { train } from "./train.ts";
 * import { resolveConfig } from "./config.ts";
 * const result = await train(resolveConfig("tiny"), {
 *   out: "runs/tiny",
 *   onProgress: (e) => console.log(e.modelId, e.update, e.topSingularValue),
 * });
 * console.log(result.summary.models[0].singularValues[0]);
 * ```
 */
export async function train(config: TrainConfig, options: TrainOptions = {}): Promise<TrainResult> {
  validateConfig(config);
  const hooks: TrainHooks = options;
  const runDir = options.out ??
    `runs/${new Date().toISOString().replace(/:/g, "-").replace(/\..*$/, "")}`;
  const log = hooks.onLog ?? (() => {});
  let summary: RunSummary;
  if (options.resume) {
    const previous = await loadRun(runDir);
    assertResumable(previous.config.config, config);
    summary = previous.summary;
  } else if (!(await isEmptyOrMissing(runDir))) {
    throw new Error(
      `Cannot train into ${runDir} as it must be missing or empty (use resume to continue a run): current value is a non-empty folder`,
    );
  }
  const backend = await initBackend(config.backend);
  if (backend.notice) log(backend.notice);
  const data = await prepareData(config);
  const models = plannedModels(config);
  await Deno.mkdir(`${runDir}/models`, { recursive: true });
  const configFile: RunConfigFile = {
    schemaVersion: RUN_SCHEMA_VERSION,
    kind: "rbm-landscape-config",
    createdAt: new Date().toISOString(),
    config,
    environment: {
      deno: Deno.version.deno,
      v8: Deno.version.v8,
      typescript: Deno.version.typescript,
      tfjs: backend.tfjsVersion,
      backend: backend.active,
      gitCommit: await gitCommit(),
    },
    data: {
      source: data.source,
      trainCount: data.trainCount,
      testCount: data.testCount,
      meanActivePixels: data.meanActivePixels,
    },
    models,
  };
  await writeJsonAtomic(`${runDir}/config.json`, configFile);
  summary ??= {
    schemaVersion: RUN_SCHEMA_VERSION,
    kind: "rbm-landscape-run",
    createdAt: configFile.createdAt,
    updatedAt: configFile.createdAt,
    models: [],
  };
  for (const planned of models) {
    if (!summary.models.some((m) => m.id === planned.id)) {
      summary.models.push({
        ...planned,
        status: "pending",
        epochsDone: 0,
        epochsPlanned: config.epochs,
        updatesDone: 0,
        checkpoints: [],
        singularValues: [],
      });
    }
  }
  await writeSummary(runDir, summary);

  const todo: { entry: ModelSummary; index: number }[] = [];
  models.forEach((planned, index) => {
    const entry = summary.models.find((m) => m.id === planned.id)!;
    entry.epochsPlanned = config.epochs;
    if (entry.status === "failed") log(`${entry.id}: skipped (failed earlier: ${entry.reason})`);
    else if (!(entry.status === "done" && entry.epochsDone >= config.epochs)) {
      todo.push({ entry, index });
    }
  });
  const workers = Math.min(options.workers ?? 1, todo.length);
  let interrupted = false;
  if (workers > 1) {
    interrupted = await trainInWorkers(
      todo,
      workers,
      config,
      runDir,
      summary,
      models.length,
      hooks,
    );
  } else {
    for (const { entry, index } of todo) {
      const persist = () => writeSummary(runDir, summary);
      const trainer = new ModelTrainer(
        config,
        data,
        runDir,
        entry,
        persist,
        hooks,
        index,
        models.length,
      );
      interrupted = await trainer.run();
      if (interrupted) break;
    }
  }
  await writeSummary(runDir, summary);
  return { runDir, interrupted, summary, backend };
}

/**
 * Trains `todo` in `workers` parallel workers (lib/train/model_worker.ts); this thread keeps
 * summary.json (writes serialized in message order) and relays progress and log lines. Returns
 * true if interrupted.
 */
async function trainInWorkers(
  todo: readonly { entry: ModelSummary; index: number }[],
  workers: number,
  config: TrainConfig,
  runDir: string,
  summary: RunSummary,
  count: number,
  hooks: TrainHooks,
): Promise<boolean> {
  let writes = Promise.resolve();
  const persist = () => {
    writes = writes.then(() => writeSummary(runDir, summary));
    return writes;
  };
  const busy = new Set<Worker>();
  const abortAll = () =>
    busy.forEach((w) => w.postMessage({ type: "abort" } satisfies ToModelWorker));
  hooks.signal?.addEventListener("abort", abortAll);
  let next = 0;
  let interrupted = false;
  const runJob = (worker: Worker, job: { entry: ModelSummary; index: number }) =>
    new Promise<boolean>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<FromModelWorker>) => {
        const message = event.data;
        if (message.type === "progress") hooks.onProgress?.(message.event);
        else if (message.type === "log") hooks.onLog?.(message.line);
        else if (message.type === "error") reject(new Error(`${job.entry.id}: ${message.message}`));
        else {
          Object.assign(job.entry, message.entry);
          persist();
          if (message.type === "finished") resolve(message.interrupted);
        }
      };
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(`${job.entry.id}: worker failed: ${event.message}`));
      };
      worker.postMessage(
        {
          type: "train",
          config,
          runDir,
          entry: job.entry,
          index: job.index,
          count,
        } satisfies ToModelWorker,
      );
      if (hooks.signal?.aborted) worker.postMessage({ type: "abort" } satisfies ToModelWorker);
    });
  const lane = async () => {
    const worker = new Worker(new URL("./model_worker.ts", import.meta.url).href, {
      type: "module",
    });
    try {
      while (!interrupted && !hooks.signal?.aborted && next < todo.length) {
        const job = todo[next++];
        busy.add(worker);
        try {
          if (await runJob(worker, job)) interrupted = true;
        } finally {
          busy.delete(worker);
        }
      }
    } finally {
      worker.terminate();
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, lane));
  } finally {
    hooks.signal?.removeEventListener("abort", abortAll);
    await writes;
  }
  return interrupted;
}

/** Throws naming the first trajectory setting that differs between a run and a resume request. */
export function assertResumable(saved: TrainConfig, requested: TrainConfig): void {
  for (const key of TRAJECTORY_SETTINGS) {
    if (JSON.stringify(saved[key]) !== JSON.stringify(requested[key])) {
      throw new Error(
        `Cannot resume as --${
          key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())
        } would change the trajectory: saved ${JSON.stringify(saved[key])}, current value is ${
          JSON.stringify(requested[key])
        }`,
      );
    }
  }
  if (requested.epochs < saved.epochs) {
    throw new Error(
      `Cannot resume with fewer epochs than the run was started with (${saved.epochs}): current value is ${requested.epochs}`,
    );
  }
}

/** Number of live tfjs tensors (for leak checks). */
export function liveTensorCount(): number {
  return tf.memory().numTensors;
}
