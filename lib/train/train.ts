/**
 * The training loop: every hidden size × replica of a {@link TrainConfig}, one model after another,
 * with checkpoints, metrics and spectra written into the run folder (lib/train/run_folder.ts).
 *
 * @module
 */

import { tf } from "../deps.ts";
import { deriveSeed, Rng } from "../random/mod.ts";
import { type BackendInfo, initBackend } from "../rbm/backend.ts";
import {
  type Checkpoint,
  checkpointName,
  loadCheckpoint,
  saveCheckpoint,
  type TrainingProgress,
} from "../rbm/checkpoint.ts";
import { initialOptimizerState, type RbmEngine, type TrainingState } from "../rbm/engine.ts";
import { dataInit, gaussianInit, type RbmParameters } from "../rbm/params.ts";
import { createTfjsEngine } from "../rbm/tfjs_engine.ts";
import { type TrainConfig, TRAJECTORY_SETTINGS, updateRuleOf, validateConfig } from "./config.ts";
import { gatherRows, leadingRows, prepareData, type TrainingData } from "./dataset.ts";
import {
  appendNdjson,
  isEmptyOrMissing,
  loadRun,
  modelFolder,
  modelId,
  type ModelSummary,
  RUN_SCHEMA_VERSION,
  type RunConfigFile,
  type RunSummary,
  truncateNdjson,
  writeSummary,
} from "./run_folder.ts";
import { saddleEnergyOf, spectrum } from "./spectra.ts";
import { ModeTracker } from "./mode_tracker.ts";
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
}

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

/** Number of updates per epoch (the last partial batch of an epoch is dropped). */
export function updatesPerEpoch(trainCount: number, batchSize: number): number {
  return Math.floor(trainCount / batchSize);
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

  let interrupted = false;
  for (let index = 0; index < models.length && !interrupted; index++) {
    const entry = summary.models.find((m) => m.id === models[index].id)!;
    entry.epochsPlanned = config.epochs;
    if (entry.status === "failed") {
      log(`${entry.id}: skipped (failed earlier: ${entry.reason})`);
      continue;
    }
    if (entry.status === "done" && entry.epochsDone >= config.epochs) continue;
    const trainer = new ModelTrainer(
      config,
      data,
      runDir,
      entry,
      summary,
      hooks,
      index,
      models.length,
    );
    interrupted = await trainer.run();
  }
  await writeSummary(runDir, summary);
  return { runDir, interrupted, summary, backend };
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

/** Where a model's training stands; mutated as training advances. */
interface Cursor {
  epoch: number;
  position: number;
  update: number;
  dataOrder: Uint32Array | null;
  readonly noiseRng: Rng;
  readonly orderRng: Rng;
  wallSeconds: number;
  readonly modeTracker: ModeTracker;
}

function cursorOf(p: TrainingProgress): Cursor {
  return {
    epoch: p.epoch,
    position: p.positionInEpoch,
    update: p.update,
    dataOrder: p.dataOrder,
    noiseRng: Rng.fromState(p.noiseRng),
    orderRng: Rng.fromState(p.orderRng),
    wallSeconds: p.wallSeconds,
    modeTracker: new ModeTracker(p.modeTracker),
  };
}

function progressOf(c: Cursor): TrainingProgress {
  return {
    epoch: c.epoch,
    positionInEpoch: c.position,
    update: c.update,
    dataOrder: c.dataOrder,
    noiseRng: c.noiseRng.state(),
    orderRng: c.orderRng.state(),
    wallSeconds: c.wallSeconds,
    modeTracker: c.modeTracker.state(),
  };
}

const MODEL_RNG_INIT = 1;
const MODEL_RNG_NOISE = 2;
const MODEL_RNG_ORDER = 3;
const MODEL_RNG_CHAINS = 4;

/** Trains one model; owns its engine for the duration. */
class ModelTrainer {
  readonly #folder: string;
  readonly #rule;
  readonly #perEpoch: number;
  readonly #batch: Float32Array;
  readonly #trainSample: Float32Array;
  readonly #testSample: Float32Array;
  #lastReconstruction = Number.NaN;
  #lastTop = Number.NaN;

  constructor(
    readonly config: TrainConfig,
    readonly data: TrainingData,
    readonly runDir: string,
    readonly entry: ModelSummary,
    readonly summary: RunSummary,
    readonly hooks: TrainHooks,
    readonly index: number,
    readonly count: number,
  ) {
    this.#folder = modelFolder(runDir, entry.id);
    this.#rule = updateRuleOf(config);
    this.#perEpoch = updatesPerEpoch(data.trainCount, config.batchSize);
    this.#batch = new Float32Array(config.batchSize * data.numVisible);
    this.#trainSample = leadingRows(data.train, data.numVisible, config.metricsSample);
    this.#testSample = leadingRows(data.test, data.numVisible, config.metricsSample);
  }

  /** Trains to the planned epoch count; returns true if interrupted. */
  async run(): Promise<boolean> {
    const { config, data, entry } = this;
    const log = this.hooks.onLog ?? (() => {});
    await Deno.mkdir(`${this.#folder}/checkpoints`, { recursive: true });
    const engine: RbmEngine = createTfjsEngine(data.numVisible, entry.numHidden, this.#rule);
    try {
      let checkpoint: Checkpoint;
      const latest = entry.checkpoints.at(-1);
      if (latest !== undefined) {
        checkpoint = await loadCheckpoint(`${this.runDir}/${latest}`);
        await truncateNdjson(`${this.#folder}/metrics.ndjson`, checkpoint.progress.update);
        await truncateNdjson(`${this.#folder}/spectrum.ndjson`, checkpoint.progress.update);
        log(
          `${entry.id}: resuming after ${checkpoint.progress.epoch} full epoch(s), at update ${checkpoint.progress.update}`,
        );
      } else {
        checkpoint = this.#initialCheckpoint();
        await Deno.writeTextFile(`${this.#folder}/metrics.ndjson`, "");
        await Deno.writeTextFile(`${this.#folder}/spectrum.ndjson`, "");
      }
      engine.load(checkpoint.state);
      const cursor = cursorOf(checkpoint.progress);
      entry.status = "running";
      if (latest === undefined) {
        await this.#logSpectrum(engine, cursor);
        await this.#endOfEpoch(engine, cursor, true);
      }
      const totalUpdates = config.epochs * this.#perEpoch;
      const sessionStart = performance.now();
      const sessionStartUpdate = cursor.update;
      const startSeconds = cursor.wallSeconds;
      const tick = () => {
        const elapsed = (performance.now() - sessionStart) / 1000;
        cursor.wallSeconds = startSeconds + elapsed;
        return (cursor.update - sessionStartUpdate) / Math.max(elapsed, 1e-9);
      };
      while (cursor.epoch < config.epochs) {
        if (cursor.dataOrder === null) {
          const identity = Uint32Array.from({ length: data.trainCount }, (_, i) => i);
          cursor.dataOrder = cursor.orderRng.shuffle(identity);
          cursor.position = 0;
        }
        while (cursor.position + config.batchSize <= data.trainCount) {
          const { dataOrder, position } = cursor;
          gatherRows(
            data.train,
            data.numVisible,
            dataOrder,
            position,
            config.batchSize,
            this.#batch,
          );
          engine.update(this.#batch, config.batchSize, cursor.noiseRng);
          cursor.position += config.batchSize;
          cursor.update += 1;
          if (!engine.parametersAreFinite()) {
            entry.status = "failed";
            entry.reason = `non-finite parameters at epoch ${
              cursor.epoch + 1
            }, update ${cursor.update}`;
            log(`${entry.id}: FAILED — ${entry.reason}; last good checkpoint kept`);
            await writeSummary(this.runDir, this.summary);
            return false;
          }
          if (cursor.update % config.spectrumEvery === 0) {
            await this.#logSpectrum(engine, cursor);
          }
          this.#emit("update", cursor.epoch + 1, cursor.update, totalUpdates, tick());
          if (this.hooks.signal?.aborted) {
            const state = engine.snapshot();
            const values = spectrum(state.params.weights, data.numVisible, entry.numHidden);
            entry.updatesDone = cursor.update;
            entry.singularValues = Array.from(values);
            await this.#writeCheckpoint(state, values, progressOf(cursor));
            entry.status = "interrupted";
            await writeSummary(this.runDir, this.summary);
            log(`${entry.id}: interrupted; checkpoint written at update ${cursor.update}`);
            return true;
          }
        }
        cursor.epoch += 1;
        cursor.dataOrder = null;
        cursor.position = 0;
        const rate = tick();
        const keep = cursor.epoch % config.checkpointEvery === 0 || cursor.epoch === config.epochs;
        await this.#endOfEpoch(engine, cursor, keep);
        this.#emit("epoch", cursor.epoch, cursor.update, totalUpdates, rate);
      }
      entry.status = "done";
      await writeSummary(this.runDir, this.summary);
      return false;
    } finally {
      engine.dispose();
    }
  }

  #initialCheckpoint(): Checkpoint {
    const { config, data, entry } = this;
    const initRng = new Rng(deriveSeed(entry.seed, MODEL_RNG_INIT));
    const params: RbmParameters = config.init === "gaussian"
      ? gaussianInit(data.numVisible, entry.numHidden, initRng, config.initSigma)
      : dataInit(data.meanPixels, data.meanActivePixels, entry.numHidden, initRng);
    let chains: Float32Array | null = null;
    if (this.#rule.method === "pcd") {
      // Persistent chains start from uniformly random binary states.
      const chainRng = new Rng(deriveSeed(entry.seed, MODEL_RNG_CHAINS));
      chains = chainRng.fillUniform(new Float32Array(this.#rule.numChains * data.numVisible));
      for (let i = 0; i < chains.length; i++) chains[i] = chains[i] < 0.5 ? 1 : 0;
    }
    const state: TrainingState = {
      params,
      chains,
      optimizer: initialOptimizerState(this.#rule.optimizer, params),
    };
    return {
      modelId: entry.id,
      state,
      progress: {
        epoch: 0,
        positionInEpoch: 0,
        update: 0,
        dataOrder: null,
        noiseRng: new Rng(deriveSeed(entry.seed, MODEL_RNG_NOISE)).state(),
        orderRng: new Rng(deriveSeed(entry.seed, MODEL_RNG_ORDER)).state(),
        wallSeconds: 0,
        modeTracker: null,
      },
      singularValues: new Float64Array(0),
      createdAt: new Date().toISOString(),
    };
  }

  /** Appends the top-k singular values, with mode ids, to spectrum.ndjson. */
  async #logSpectrum(engine: RbmEngine, cursor: Cursor): Promise<void> {
    const { numVisible } = this.data;
    const top = cursor.modeTracker.observe(
      engine.weights(),
      numVisible,
      this.entry.numHidden,
      this.config.spectrumTop,
    );
    this.#lastTop = top.values[0];
    await appendNdjson(`${this.#folder}/spectrum.ndjson`, { update: cursor.update, ...top });
  }

  /** Metrics line, checkpoint (when `keep`), summary. */
  async #endOfEpoch(engine: RbmEngine, cursor: Cursor, keep: boolean): Promise<void> {
    const { epoch, update, wallSeconds } = cursor;
    const state = engine.snapshot();
    const { energy, singularValues } = saddleEnergyOf(state.params);
    const sampleRows = (a: Float32Array) => a.length / this.data.numVisible;
    const freeTrain = mean(engine.freeEnergy(this.#trainSample, sampleRows(this.#trainSample)));
    const freeTest = mean(engine.freeEnergy(this.#testSample, sampleRows(this.#testSample)));
    this.#lastTop = singularValues[0];
    this.#lastReconstruction = engine.reconstructionError(
      this.#trainSample,
      sampleRows(this.#trainSample),
    );
    const w = state.params.weights;
    let sum = 0, sumSquares = 0;
    for (let i = 0; i < w.length; i++) {
      sum += w[i];
      sumSquares += w[i] * w[i];
    }
    const metrics: EpochMetrics = {
      epoch,
      update,
      reconstructionError: this.#lastReconstruction,
      freeEnergyTrain: freeTrain,
      freeEnergyTest: freeTest,
      freeEnergyGap: freeTest - freeTrain,
      topSingularValues: Array.from(singularValues.subarray(0, 10)),
      modesAbove4: singularValues.filter((s) => s > 4).length,
      saddleEnergy: energy,
      weightMean: sum / w.length,
      weightMeanSquare: sumSquares / w.length,
      wallSeconds,
    };
    await appendNdjson(`${this.#folder}/metrics.ndjson`, metrics);
    this.entry.epochsDone = epoch;
    this.entry.updatesDone = update;
    this.entry.singularValues = Array.from(singularValues);
    if (keep) await this.#writeCheckpoint(state, singularValues, progressOf(cursor));
    await writeSummary(this.runDir, this.summary);
  }

  async #writeCheckpoint(
    state: TrainingState,
    singularValues: Float64Array,
    progress: Checkpoint["progress"],
  ): Promise<void> {
    const relative = `models/${this.entry.id}/checkpoints/${checkpointName(progress.update)}`;
    await saveCheckpoint(`${this.runDir}/${relative}`, {
      modelId: this.entry.id,
      state,
      progress,
      singularValues,
      createdAt: new Date().toISOString(),
    });
    const list = this.entry.checkpoints.filter((c) => c !== relative);
    list.push(relative);
    if (this.config.keepCheckpoints === "last" && list.length > 2) {
      for (const old of list.splice(1, list.length - 2)) {
        await Deno.remove(`${this.runDir}/${old}`, { recursive: true }).catch(() => {});
      }
    }
    this.entry.checkpoints = list;
    await writeSummary(this.runDir, this.summary);
  }

  #emit(
    kind: "update" | "epoch",
    epoch: number,
    update: number,
    totalUpdates: number,
    rate: number,
  ): void {
    this.hooks.onProgress?.({
      modelId: this.entry.id,
      modelIndex: this.index + 1,
      modelCount: this.count,
      epoch,
      epochs: this.config.epochs,
      update,
      totalUpdates,
      updatesPerSecond: rate,
      etaSeconds: rate > 0 ? (totalUpdates - update) / rate : Number.POSITIVE_INFINITY,
      reconstructionError: this.#lastReconstruction,
      topSingularValue: this.#lastTop,
      kind,
    });
  }
}

function mean(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Number of live tfjs tensors (for leak checks). */
export function liveTensorCount(): number {
  return tf.memory().numTensors;
}
