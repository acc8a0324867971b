/**
 * Training settings, the named presets, and their validation. Every setting lands in the run's
 * config.json; explicit flags override a preset.
 *
 * @module
 */

import type { BackendName } from "../rbm/backend.ts";
import type { OptimizerConfig, SamplingMethod, UpdateRule } from "../rbm/engine.ts";
import type { InitKind } from "../rbm/params.ts";

/** Every setting of a training run (a sweep over hidden sizes × replicas). */
export interface TrainConfig {
  /** The preset the settings started from. */
  readonly preset: string;
  /** Hidden-layer sizes to train, e.g. [32, 64]. */
  readonly hidden: readonly number[];
  /** Replicas per hidden size (numbered from 1). */
  readonly replicas: number;
  /** Passes over the training set per model. */
  readonly epochs: number;
  /** Training rows per update (a final partial batch of an epoch is dropped). */
  readonly batchSize: number;
  /** "pcd" (persistent chains, the paper's choice) or "cd". */
  readonly method: SamplingMethod;
  /** k, the Gibbs sweeps per update (500 in the paper). */
  readonly gibbsSteps: number;
  /** Persistent chains for PCD (ignored by CD, which uses one chain per batch row). */
  readonly chains: number;
  /** Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e-8) or SGD with momentum. */
  readonly optimizer: "adam" | "sgd";
  /** Step size η of the optimizer (1e-3 in the paper). */
  readonly learningRate: number;
  /** SGD momentum (ignored by Adam). */
  readonly momentum: number;
  /** L2 penalty on W (0 in the paper). */
  readonly weightDecay: number;
  /** "data" (the paper's trained models) or "gaussian" (the theory init of SCIENCE.md §4). */
  readonly init: InitKind;
  /** σ of the gaussian init. */
  readonly initSigma: number;
  /** Base seed; each model's seed derives from (seed, hidden size, replica). */
  readonly seed: number;
  /** The tfjs backend to train on. */
  readonly backend: BackendName;
  /** Folder with IDX files, or null for the embedded MNIST. */
  readonly data: string | null;
  /**
   * "threshold": pixel = 1 iff intensity/255 > threshold; "stochastic": pixel ~
   * Bernoulli(intensity/255), seeded from `seed`.
   */
  readonly binarize: "threshold" | "stochastic";
  /** Intensity threshold in [0, 1] of the "threshold" binarization (0.5 in the paper). */
  readonly threshold: number;
  /** A seeded subset of the training images, or null for all. */
  readonly trainSize: number | null;
  /** Log the top singular values every this many updates. */
  readonly spectrumEvery: number;
  /** How many top singular values that log keeps. */
  readonly spectrumTop: number;
  /** Checkpoint every this many epochs (the init and the last epoch are always kept). */
  readonly checkpointEvery: number;
  /** "all" keeps every checkpoint; "last" keeps the init and the latest only. */
  readonly keepCheckpoints: "all" | "last";
  /** Training and test rows used for the per-epoch metrics. */
  readonly metricsSample: number;
}

/** The settings a scientist may change from the command line, by flag name. */
export type TrainOverrides = Partial<Omit<TrainConfig, "preset">>;

const COMMON = {
  replicas: 1,
  method: "pcd",
  optimizer: "adam",
  learningRate: 1e-3,
  momentum: 0.9,
  weightDecay: 0,
  init: "data",
  initSigma: 0.01,
  seed: 2025,
  backend: "wasm",
  data: null,
  binarize: "threshold",
  threshold: 0.5,
  trainSize: null,
  spectrumEvery: 25,
  spectrumTop: 20,
  checkpointEvery: 1,
  keepCheckpoints: "all",
  metricsSample: 1000,
} as const;

/**
 * The named presets. `default` finishes in a few minutes on 2 cores and already shows the top
 * singular values leaving the Marčenko–Pastur bulk (λ₁ > 4); `paper` is SCIENCE.md §10 (GPU scale);
 * `tiny` is for tests and smoke checks.
 */
export const PRESETS: Readonly<Record<string, TrainConfig>> = {
  default: {
    ...COMMON,
    preset: "default",
    hidden: [32, 64],
    replicas: 2,
    epochs: 2,
    batchSize: 100,
    gibbsSteps: 10,
    chains: 100,
  },
  paper: {
    ...COMMON,
    preset: "paper",
    hidden: [500, 784, 1200, 3000],
    replicas: 5,
    epochs: 100,
    batchSize: 500,
    gibbsSteps: 500,
    chains: 500,
  },
  tiny: {
    ...COMMON,
    preset: "tiny",
    hidden: [16],
    epochs: 1,
    batchSize: 50,
    gibbsSteps: 2,
    chains: 50,
    trainSize: 500,
    spectrumEvery: 2,
    spectrumTop: 8,
    metricsSample: 200,
  },
};

/**
 * A preset with explicit overrides applied, validated.
 *
 * @example The default preset with one hidden size and one epoch
 * ```ts
 * import { resolveConfig } from "./config.ts";
 * const config = resolveConfig("default", { hidden: [64], epochs: 1 });
 * console.assert(config.hidden[0] === 64 && config.batchSize === 100);
 * ```
 */
export function resolveConfig(preset = "default", overrides: TrainOverrides = {}): TrainConfig {
  const base = PRESETS[preset];
  if (base === undefined) {
    throw new RangeError(
      `Cannot use preset "${preset}" as it must be one of ${
        Object.keys(PRESETS).join(", ")
      }: current value is ${preset}`,
    );
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const config = { ...base, ...defined } as TrainConfig;
  validateConfig(config);
  return config;
}

function fail(name: string, expected: string, value: unknown): never {
  throw new RangeError(
    `Cannot use --${name} as it must be ${expected}: current value is ${JSON.stringify(value)}`,
  );
}

function positiveInteger(name: string, value: unknown): void {
  if (!Number.isInteger(value) || (value as number) < 1) fail(name, "a positive integer", value);
}

/**
 * Throws a RangeError naming the first invalid setting (in flag form, e.g. `--hidden`).
 *
 * @example Reject a zero learning rate
 * ```ts
 * import { resolveConfig, validateConfig } from "./config.ts";
 * const config = { ...resolveConfig("tiny"), learningRate: 0 };
 * let message = "";
 * try {
 *   validateConfig(config);
 * } catch (error) {
 *   message = (error as Error).message;
 * }
 * console.assert(message.includes("--learning-rate"));
 * ```
 */
export function validateConfig(c: TrainConfig): void {
  if (!Array.isArray(c.hidden) || c.hidden.length === 0) {
    fail("hidden", "a list of positive integers", c.hidden);
  }
  for (const m of c.hidden) positiveInteger("hidden", m);
  if (new Set(c.hidden).size !== c.hidden.length) {
    fail("hidden", "a list without repeats", c.hidden);
  }
  positiveInteger("replicas", c.replicas);
  positiveInteger("epochs", c.epochs);
  positiveInteger("batch-size", c.batchSize);
  positiveInteger("gibbs-steps", c.gibbsSteps);
  positiveInteger("chains", c.chains);
  if (c.method !== "cd" && c.method !== "pcd") fail("method", '"cd" or "pcd"', c.method);
  if (c.optimizer !== "adam" && c.optimizer !== "sgd") {
    fail("optimizer", '"adam" or "sgd"', c.optimizer);
  }
  if (!(c.learningRate > 0) || !Number.isFinite(c.learningRate)) {
    fail("learning-rate", "a finite number > 0", c.learningRate);
  }
  if (!(c.momentum >= 0 && c.momentum < 1)) fail("momentum", "a number in [0, 1)", c.momentum);
  if (!(c.weightDecay >= 0) || !Number.isFinite(c.weightDecay)) {
    fail("weight-decay", "a finite number ≥ 0", c.weightDecay);
  }
  if (c.init !== "gaussian" && c.init !== "data") fail("init", '"gaussian" or "data"', c.init);
  if (!(c.initSigma >= 0) || !Number.isFinite(c.initSigma)) {
    fail("init-sigma", "a finite number ≥ 0", c.initSigma);
  }
  if (!Number.isInteger(c.seed) || c.seed < 0 || c.seed > 0xffffffff) {
    fail("seed", "an integer in 0..2^32−1", c.seed);
  }
  if (c.backend !== "wasm" && c.backend !== "cpu") fail("backend", '"wasm" or "cpu"', c.backend);
  if (c.binarize !== "threshold" && c.binarize !== "stochastic") {
    fail("binarize", '"threshold" or "stochastic"', c.binarize);
  }
  if (!(c.threshold >= 0 && c.threshold <= 1)) fail("threshold", "a number in [0, 1]", c.threshold);
  if (c.trainSize !== null) {
    positiveInteger("train-size", c.trainSize);
    if (c.trainSize < c.batchSize) {
      fail("train-size", `at least the batch size (${c.batchSize})`, c.trainSize);
    }
  }
  positiveInteger("spectrum-every", c.spectrumEvery);
  positiveInteger("spectrum-top", c.spectrumTop);
  positiveInteger("checkpoint-every", c.checkpointEvery);
  if (c.keepCheckpoints !== "all" && c.keepCheckpoints !== "last") {
    fail("keep-checkpoints", '"all" or "last"', c.keepCheckpoints);
  }
  positiveInteger("metrics-sample", c.metricsSample);
}

/** The engine's update rule for a config. */
export function updateRuleOf(c: TrainConfig): UpdateRule {
  const optimizer: OptimizerConfig = c.optimizer === "adam"
    ? { kind: "adam", learningRate: c.learningRate, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }
    : { kind: "sgd", learningRate: c.learningRate, momentum: c.momentum };
  return {
    method: c.method,
    gibbsSteps: c.gibbsSteps,
    numChains: c.method === "pcd" ? c.chains : c.batchSize,
    optimizer,
    weightDecay: c.weightDecay,
  };
}

/** Settings that change a model's trajectory; a resume must keep them (epochs may grow). */
export const TRAJECTORY_SETTINGS = [
  "batchSize",
  "method",
  "gibbsSteps",
  "chains",
  "optimizer",
  "learningRate",
  "momentum",
  "weightDecay",
  "init",
  "initSigma",
  "seed",
  "backend",
  "data",
  "binarize",
  "threshold",
  "trainSize",
  "spectrumEvery",
  "spectrumTop",
  "metricsSample",
] as const;
