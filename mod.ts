/**
 * rbm-landscape: train binary Restricted Boltzmann Machines on MNIST and check, as executable
 * properties, the reciprocal-space theory of Toledo-Marin, Maiti, Fox & Melko (arXiv 2503.21536).
 *
 * @example Train a tiny model and read its spectrum
 * ```ts ignore
 * import { loadRun, resolveConfig, train } from "./mod.ts";
 * const result = await train(resolveConfig("tiny"), { out: "runs/tiny" });
 * const { summary } = await loadRun(result.runDir);
 * console.log(summary.models[0].singularValues.slice(0, 5));
 * ```
 *
 * @module
 */

export * from "./lib/random/mod.ts";
export * from "./lib/data/mod.ts";
export * from "./lib/linalg/mod.ts";
export * from "./lib/numerics/mod.ts";

export { type BackendInfo, type BackendName, initBackend } from "./lib/rbm/backend.ts";
export {
  allFinite,
  dataInit,
  gaussianInit,
  type InitKind,
  type RbmParameters,
  THEORY_INIT_SIGMA,
  zeroParameters,
} from "./lib/rbm/params.ts";
export {
  type AdamConfig,
  initialOptimizerState,
  type OptimizerConfig,
  type OptimizerState,
  type RbmEngine,
  type SamplingMethod,
  type SgdConfig,
  type TrainingState,
  type UpdateRule,
} from "./lib/rbm/engine.ts";
export { createTfjsEngine } from "./lib/rbm/tfjs_engine.ts";
export {
  type Checkpoint,
  checkpointName,
  loadCheckpoint,
  saveCheckpoint,
  type TrainingProgress,
} from "./lib/rbm/checkpoint.ts";
export * from "./lib/rbm/energy64.ts";
export * from "./lib/rbm/exact.ts";

export { type Bundle, type BundleArray, readBundle, writeBundle } from "./lib/io/arrays.ts";
export {
  PRESETS,
  resolveConfig,
  type TrainConfig,
  type TrainOverrides,
  validateConfig,
} from "./lib/train/config.ts";
export {
  type EpochMetrics,
  type ProgressEvent,
  train,
  type TrainHooks,
  type TrainOptions,
  type TrainResult,
} from "./lib/train/train.ts";
export {
  loadRun,
  type ModelStatus,
  type ModelSummary,
  readNdjson,
  type RunConfigFile,
  type RunSummary,
} from "./lib/train/run_folder.ts";
export { estimateRun, type RunEstimate } from "./lib/train/estimate.ts";
export type { ModeTrackerState } from "./lib/train/mode_tracker.ts";

export * from "./lib/reciprocal/mod.ts";
export * from "./lib/rmt/mod.ts";
export * from "./lib/stats/mod.ts";
export * from "./lib/analysis/mod.ts";
