/**
 * Training one model: the CD/PCD loop over epochs with checkpoints, metrics, spectra and mode ids,
 * exact resume from a checkpoint, interruption and failure handling. Used by {@link train} in this
 * thread or in a worker (lib/train/model_worker.ts).
 *
 * @module
 */

import { deriveSeed, Rng } from "../random/mod.ts";
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
import { type TrainConfig, updateRuleOf } from "./config.ts";
import { gatherRows, leadingRows, type TrainingData } from "./dataset.ts";
import { ModeTracker } from "./mode_tracker.ts";
import { appendNdjson, modelFolder, type ModelSummary, truncateNdjson } from "./run_folder.ts";
import { saddleEnergyOf, spectrum } from "./spectra.ts";
import type { EpochMetrics, TrainHooks } from "./train.ts";

/** Number of updates per epoch (the last partial batch of an epoch is dropped). */
export function updatesPerEpoch(trainCount: number, batchSize: number): number {
  return Math.floor(trainCount / batchSize);
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
/**
 * Trains one model of a run to its planned epoch count, writing its metrics, spectra and
 * checkpoints; `persist` is called whenever its summary entry changed (the caller owns summary.json).
 *
 * @example
 * ```ts ignore
 * const trainer = new ModelTrainer(config, data, runDir, entry, () => writeSummary(runDir, summary), hooks, 0, 1);
 * const interrupted = await trainer.run();
 * ```
 */
export class ModelTrainer {
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
    readonly persist: () => Promise<void>,
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
            await this.persist();
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
            await this.persist();
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
      await this.persist();
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
    await this.persist();
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
    await this.persist();
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
