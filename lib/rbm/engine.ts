/**
 * The compute-kernel interface of training: conditionals, Gibbs sweeps, gradient statistics and the
 * optimizer step live behind {@link RbmEngine}, so that a faster engine (native BLAS through FFI, a
 * GPU) can replace the tfjs one without touching the training loop, checkpoints or CLI.
 *
 * Random numbers always come from our own {@link Rng}, drawn in a fixed order (per Gibbs step: hidden
 * noise [chains, numHidden], then visible noise [chains, numVisible]), so any engine that follows the
 * same order reproduces the same trajectory up to floating-point differences.
 *
 * @module
 */

import type { Rng } from "../random/mod.ts";
import type { RbmParameters } from "./params.ts";

/** CD-k restarts the chains at the data each update; PCD-k keeps persistent chains. */
export type SamplingMethod = "cd" | "pcd";

/** Adam (Kingma & Ba) with bias correction, as in the reference peer. */
export interface AdamConfig {
  readonly kind: "adam";
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

/** Plain stochastic gradient ascent with heavy-ball momentum: v ← μv + g; θ ← θ + ηv. */
export interface SgdConfig {
  readonly kind: "sgd";
  readonly learningRate: number;
  readonly momentum: number;
}

/** One of the supported optimizers. */
export type OptimizerConfig = AdamConfig | SgdConfig;

/** How one update is computed. */
export interface UpdateRule {
  readonly method: SamplingMethod;
  readonly gibbsSteps: number;
  /** Number of persistent chains (PCD); CD uses one chain per data row. */
  readonly numChains: number;
  readonly optimizer: OptimizerConfig;
  /** L2 penalty on W: the gradient of −½·weightDecay·‖W‖² is added. */
  readonly weightDecay: number;
}

/**
 * Optimizer state: the number of steps taken and named moment arrays, e.g. `m.weights`,
 * `v.hiddenBias` (Adam) or `velocity.weights` (SGD), each shaped like its parameter.
 */
export interface OptimizerState {
  readonly step: number;
  readonly slots: Readonly<Record<string, Float32Array>>;
}

/** Everything an engine holds that a checkpoint must save to continue bit for bit. */
export interface TrainingState {
  readonly params: RbmParameters;
  /** PCD persistent chains, [numChains, numVisible] row-major, entries 0/1; null for CD. */
  readonly chains: Float32Array | null;
  readonly optimizer: OptimizerState;
}

/** The kernels training needs. Batches are row-major Float32 0/1 arrays of shape [count, numVisible]. */
export interface RbmEngine {
  /** For config.json and progress lines, e.g. "tfjs-wasm". */
  readonly name: string;
  readonly numVisible: number;
  readonly numHidden: number;
  /** Replaces all state (parameters, chains, optimizer). */
  load(state: TrainingState): void;
  /** A host copy of all state. */
  snapshot(): TrainingState;
  /** One CD-k/PCD-k gradient estimate and optimizer step on a batch; noise drawn from `rng`. */
  update(batch: Float32Array, batchSize: number, rng: Rng): void;
  /** True if W, a and b are all finite (cheap: one reduction). */
  parametersAreFinite(): boolean;
  /** A host copy of W, [numVisible, numHidden] row-major. */
  weights(): Float32Array;
  /** Mean over rows and pixels of (v − E[v | h ~ p(h|v)])², with mean-field h = p(h|v). */
  reconstructionError(v: Float32Array, count: number): number;
  /** F(v) = −aᵀv − Σⱼ softplus(bⱼ + (Wᵀv)ⱼ) for each row. */
  freeEnergy(v: Float32Array, count: number): Float64Array;
  /** Runs `steps` Gibbs sweeps from `v` (rows 0/1) and returns the final visible states. */
  sample(v: Float32Array, count: number, steps: number, rng: Rng): Float32Array;
  /** Frees every tensor the engine owns. */
  dispose(): void;
}

/** The names of the parameter arrays, in checkpoint order. */
export const PARAMETER_NAMES = ["weights", "visibleBias", "hiddenBias"] as const;

/** Zero optimizer state for the given optimizer and parameters. */
export function initialOptimizerState(
  config: OptimizerConfig,
  params: RbmParameters,
): OptimizerState {
  const prefixes = config.kind === "adam" ? ["m", "v"] : ["velocity"];
  const slots: Record<string, Float32Array> = {};
  for (const prefix of prefixes) {
    for (const name of PARAMETER_NAMES) {
      slots[`${prefix}.${name}`] = new Float32Array(params[name].length);
    }
  }
  return { step: 0, slots };
}
