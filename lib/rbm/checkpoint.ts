/**
 * Checkpoints: everything needed to continue training bit for bit (parameters, persistent chains,
 * optimizer state, both PRNG states, epoch, position in the epoch's data order, update index) plus
 * the full Float64 singular-value spectrum of W, as an array bundle (lib/io/arrays.ts).
 *
 * Folder layout (`checkpoints/u00000600/`):
 * `manifest.json`, `weights.f32` [numVisible, numHidden], `visibleBias.f32`, `hiddenBias.f32`,
 * `chains.f32` [numChains, numVisible] (PCD only), optimizer slots such as `optimizer.m.weights.f32`,
 * `dataOrder.u32` (the current epoch's permutation), `modeVectors.f64` [min(N, M), k] (the tracked
 * modes' singular vectors, once the spectrum has been logged; their ids are in the manifest) and
 * `singularValues.f64` (descending).
 *
 * @module
 */

import { readBundle, writeBundle } from "../io/arrays.ts";
import type { BundleArray } from "../io/arrays.ts";
import type { RngState } from "../random/mod.ts";
import type { ModeTrackerState } from "../train/mode_tracker.ts";
import { PARAMETER_NAMES, type TrainingState } from "./engine.ts";
import type { RbmParameters } from "./params.ts";

/** Version of the checkpoint manifest; bumped on any incompatible change. */
export const CHECKPOINT_SCHEMA_VERSION = 1;

/** Where a model stands in its training schedule. */
export interface TrainingProgress {
  /** Completed epochs. */
  readonly epoch: number;
  /** Number of training rows of the current epoch already consumed (0 at an epoch boundary). */
  readonly positionInEpoch: number;
  /** Optimizer updates done so far. */
  readonly update: number;
  /** The current epoch's permutation of the training rows, or null at an epoch boundary. */
  readonly dataOrder: Uint32Array | null;
  /** State of the Gibbs-noise generator. */
  readonly noiseRng: RngState;
  /** State of the data-order generator. */
  readonly orderRng: RngState;
  /** Seconds spent training this model so far (not part of the trajectory). */
  readonly wallSeconds: number;
  /** Identities of the top singular modes at the last spectrum log (lib/train/mode_tracker.ts). */
  readonly modeTracker: ModeTrackerState | null;
}

/** A checkpoint in memory. */
export interface Checkpoint {
  /** The model's id in its run, e.g. "h64-r1". */
  readonly modelId: string;
  /** Parameters, persistent chains and optimizer state. */
  readonly state: TrainingState;
  /** Where training stands: epoch, update index, data order, PRNG states, mode identities. */
  readonly progress: TrainingProgress;
  /** All min(numVisible, numHidden) singular values of W, descending (Float64 SVD). */
  readonly singularValues: Float64Array;
  /** When the checkpoint was taken, as an ISO 8601 timestamp. */
  readonly createdAt: string;
}

interface CheckpointManifest {
  schemaVersion: number;
  kind: "rbm-checkpoint";
  modelId: string;
  numVisible: number;
  numHidden: number;
  optimizerStep: number;
  epoch: number;
  positionInEpoch: number;
  update: number;
  noiseRng: RngState;
  orderRng: RngState;
  wallSeconds: number;
  modeIds?: number[];
  nextModeId?: number;
  createdAt: string;
}

/**
 * The folder name of the checkpoint taken after `update` updates: "u" and the update index
 * zero-padded to 8 digits, so that names sort in training order.
 *
 * @example The checkpoint after 600 updates
 * ```ts
 * import { checkpointName } from "./checkpoint.ts";
 * console.assert(checkpointName(600) === "u00000600");
 * ```
 */
export function checkpointName(update: number): string {
  return `u${String(update).padStart(8, "0")}`;
}

/**
 * Writes a checkpoint folder atomically.
 *
 * @example Save the initial checkpoint of a tiny model and read it back
 * ```ts
 * import { loadCheckpoint, saveCheckpoint } from "./checkpoint.ts";
 * import { initialOptimizerState } from "./engine.ts";
 * import { gaussianInit, toParams64 } from "./params.ts";
 * import { singularValues } from "../linalg/mod.ts";
 * import { Rng } from "../random/mod.ts";
 * const params = gaussianInit(6, 3, new Rng(1));
 * const optimizer = initialOptimizerState({ kind: "sgd", learningRate: 0.1, momentum: 0 }, params);
 * const dir = await Deno.makeTempDir();
 * await saveCheckpoint(`${dir}/u00000000`, {
 *   modelId: "h3-r1",
 *   state: { params, chains: null, optimizer },
 *   progress: {
 *     epoch: 0,
 *     positionInEpoch: 0,
 *     update: 0,
 *     dataOrder: null,
 *     noiseRng: new Rng(2).state(),
 *     orderRng: new Rng(3).state(),
 *     wallSeconds: 0,
 *     modeTracker: null,
 *   },
 *   singularValues: singularValues(toParams64(params).weights),
 *   createdAt: new Date().toISOString(),
 * });
 * const back = await loadCheckpoint(`${dir}/u00000000`);
 * console.assert(back.state.params.weights[5] === params.weights[5]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function saveCheckpoint(path: string, checkpoint: Checkpoint): Promise<void> {
  const { state, progress } = checkpoint;
  const p = state.params;
  const shapes: Record<string, number[]> = {
    weights: [p.numVisible, p.numHidden],
    visibleBias: [p.numVisible],
    hiddenBias: [p.numHidden],
  };
  const arrays: Record<string, { data: BundleArray; shape: number[] }> = {};
  for (const name of PARAMETER_NAMES) arrays[name] = { data: p[name], shape: shapes[name] };
  if (state.chains !== null) {
    arrays.chains = {
      data: state.chains,
      shape: [state.chains.length / p.numVisible, p.numVisible],
    };
  }
  for (const [slot, data] of Object.entries(state.optimizer.slots)) {
    arrays[`optimizer.${slot}`] = { data, shape: shapes[slot.slice(slot.indexOf(".") + 1)] };
  }
  if (progress.dataOrder !== null) {
    arrays.dataOrder = { data: progress.dataOrder, shape: [progress.dataOrder.length] };
  }
  if (progress.modeTracker !== null) {
    const { vectors, ids } = progress.modeTracker;
    arrays.modeVectors = {
      data: vectors,
      shape: [ids.length === 0 ? 0 : vectors.length / ids.length, ids.length],
    };
  }
  arrays.singularValues = {
    data: checkpoint.singularValues,
    shape: [checkpoint.singularValues.length],
  };
  const manifest: CheckpointManifest = {
    schemaVersion: CHECKPOINT_SCHEMA_VERSION,
    kind: "rbm-checkpoint",
    modelId: checkpoint.modelId,
    numVisible: p.numVisible,
    numHidden: p.numHidden,
    optimizerStep: state.optimizer.step,
    epoch: progress.epoch,
    positionInEpoch: progress.positionInEpoch,
    update: progress.update,
    noiseRng: progress.noiseRng,
    orderRng: progress.orderRng,
    wallSeconds: progress.wallSeconds,
    modeIds: progress.modeTracker?.ids,
    nextModeId: progress.modeTracker?.nextId,
    createdAt: checkpoint.createdAt,
  };
  await writeBundle(path, { ...manifest }, arrays);
}

/**
 * Reads a checkpoint folder written by {@link saveCheckpoint}, validating its kind and version.
 *
 * @example Load a checkpoint of a run and read W
 * ```ts ignore
 * import { loadCheckpoint } from "./checkpoint.ts";
 * const ckpt = await loadCheckpoint("runs/x/models/h64-r1/checkpoints/u00000600");
 * const { numVisible, numHidden, weights } = ckpt.state.params; // weights: [numVisible, numHidden]
 * console.log(numVisible, numHidden, weights.length, ckpt.singularValues[0]);
 * ```
 */
export async function loadCheckpoint(path: string): Promise<Checkpoint> {
  const { manifest: m, arrays } = await readBundle<CheckpointManifest>(path);
  if (m.kind !== "rbm-checkpoint" || m.schemaVersion !== CHECKPOINT_SCHEMA_VERSION) {
    throw new Error(
      `Cannot load checkpoint ${path} as it must be an rbm-checkpoint of schema ${CHECKPOINT_SCHEMA_VERSION}: current value is ${m.kind} v${m.schemaVersion}`,
    );
  }
  const float32 = (name: string): Float32Array => {
    const a = arrays[name];
    if (!(a instanceof Float32Array)) {
      throw new Error(
        `Cannot load checkpoint ${path} as array "${name}" must be float32: current value is ${
          a?.constructor.name ?? "missing"
        }`,
      );
    }
    return a;
  };
  const params: RbmParameters = {
    numVisible: m.numVisible,
    numHidden: m.numHidden,
    weights: float32("weights"),
    visibleBias: float32("visibleBias"),
    hiddenBias: float32("hiddenBias"),
  };
  const slots: Record<string, Float32Array> = {};
  for (const name of Object.keys(arrays)) {
    if (name.startsWith("optimizer.")) slots[name.slice("optimizer.".length)] = float32(name);
  }
  const dataOrder = arrays.dataOrder instanceof Uint32Array ? arrays.dataOrder : null;
  const singularValues = arrays.singularValues instanceof Float64Array
    ? arrays.singularValues
    : new Float64Array(0);
  return {
    modelId: m.modelId,
    state: {
      params,
      chains: "chains" in arrays ? float32("chains") : null,
      optimizer: { step: m.optimizerStep, slots },
    },
    progress: {
      epoch: m.epoch,
      positionInEpoch: m.positionInEpoch,
      update: m.update,
      dataOrder,
      noiseRng: m.noiseRng,
      orderRng: m.orderRng,
      wallSeconds: m.wallSeconds ?? 0,
      modeTracker: m.modeIds !== undefined && m.nextModeId !== undefined
        ? {
          ids: m.modeIds,
          nextId: m.nextModeId,
          vectors: arrays.modeVectors instanceof Float64Array
            ? arrays.modeVectors
            : new Float64Array(0),
        }
        : null,
    },
    singularValues,
    createdAt: m.createdAt,
  };
}
