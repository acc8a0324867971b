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
  /** Discriminant of {@link OptimizerConfig}. */
  readonly kind: "adam";
  /** Step size η (1e-3 in the paper). */
  readonly learningRate: number;
  /** Decay rate β₁ of the first-moment average (0.9 in the paper). */
  readonly beta1: number;
  /** Decay rate β₂ of the second-moment average (0.999 in the paper). */
  readonly beta2: number;
  /** ε added to √(second moment) in the step's denominator (1e-8 in the paper). */
  readonly epsilon: number;
}

/** Plain stochastic gradient ascent with heavy-ball momentum: v ← μv + g; θ ← θ + ηv. */
export interface SgdConfig {
  /** Discriminant of {@link OptimizerConfig}. */
  readonly kind: "sgd";
  /** Step size η. */
  readonly learningRate: number;
  /** Momentum μ in [0, 1) (0 gives plain SGD). */
  readonly momentum: number;
}

/** One of the supported optimizers. */
export type OptimizerConfig = AdamConfig | SgdConfig;

/** How one update is computed. */
export interface UpdateRule {
  /** CD or PCD (see {@link SamplingMethod}). */
  readonly method: SamplingMethod;
  /** k, the Gibbs sweeps v → h → v per update for the negative phase. */
  readonly gibbsSteps: number;
  /** Number of persistent chains (PCD); CD uses one chain per data row. */
  readonly numChains: number;
  /** The optimizer that turns the gradient estimate into a step. */
  readonly optimizer: OptimizerConfig;
  /** L2 penalty on W: the gradient of −½·weightDecay·‖W‖² is added. */
  readonly weightDecay: number;
}

/**
 * Optimizer state: the number of steps taken and named moment arrays, e.g. `m.weights`,
 * `v.hiddenBias` (Adam) or `velocity.weights` (SGD), each shaped like its parameter.
 */
export interface OptimizerState {
  /** Optimizer steps taken so far (Adam's bias correction uses it); 0 before the first update. */
  readonly step: number;
  /** Moment arrays keyed `<moment>.<parameter>` (e.g. `m.weights`), each shaped like its parameter. */
  readonly slots: Readonly<Record<string, Float32Array>>;
}

/** Everything an engine holds that a checkpoint must save to continue bit for bit. */
export interface TrainingState {
  /** The model parameters W, a, b. */
  readonly params: RbmParameters;
  /** PCD persistent chains, [numChains, numVisible] row-major, entries 0/1; null for CD. */
  readonly chains: Float32Array | null;
  /** The optimizer's step count and moment arrays. */
  readonly optimizer: OptimizerState;
}

/** The kernels training needs. Batches are row-major Float32 0/1 arrays of shape [count, numVisible]. */
export interface RbmEngine {
  /** For config.json and progress lines, e.g. "tfjs-wasm". */
  readonly name: string;
  /** N, the number of visible units. */
  readonly numVisible: number;
  /** M, the number of hidden units. */
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

/**
 * Zero optimizer state for the given optimizer and parameters: step 0 and zero-filled slots
 * `m.*`, `v.*` (Adam) or `velocity.*` (SGD) for each of weights, visibleBias and hiddenBias.
 *
 * @example Adam state for a 3×2 model
 * ```ts
 * import { initialOptimizerState } from "./engine.ts";
 * import { zeroParameters } from "./params.ts";
 * const state = initialOptimizerState(
 *   { kind: "adam", learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
 *   zeroParameters(3, 2),
 * );
 * console.assert(state.step === 0 && state.slots["m.weights"].length === 6);
 * console.assert(Object.keys(state.slots).length === 6);
 * ```
 */
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
