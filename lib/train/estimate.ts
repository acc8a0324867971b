/**
 * Time and disk estimates printed before a run starts, so that a GPU-scale preset is never launched
 * on a laptop by accident.
 *
 * @module
 */

import { Rng } from "../random/mod.ts";
import { initialOptimizerState } from "../rbm/engine.ts";
import { gaussianInit } from "../rbm/params.ts";
import { createTfjsEngine } from "../rbm/tfjs_engine.ts";
import { type TrainConfig, updateRuleOf } from "./config.ts";
import { ModeTracker } from "./mode_tracker.ts";
import { updatesPerEpoch } from "./model_trainer.ts";

/** What a run will cost, roughly. */
export interface RunEstimate {
  /** Models in the sweep: hidden sizes × replicas. */
  readonly models: number;
  /** Optimizer updates per model: ⌊trainCount / batchSize⌋ × epochs. */
  readonly updatesPerModel: number;
  /** Floating-point operations of all updates (matrix products only). */
  readonly flops: number;
  /** Seconds at the backend's assumed throughput ({@link ASSUMED_GFLOPS}). */
  readonly seconds: number;
  /**
   * Bytes of one checkpoint of the largest model (parameters, optimizer slots, chains, data order,
   * singular values).
   */
  readonly bytesPerCheckpoint: number;
  /** Checkpoints kept per model (init included). */
  readonly checkpointsPerModel: number;
  /** Bytes of all kept checkpoints of all models. */
  readonly diskBytes: number;
}

/** Throughput assumed per backend (GFLOP/s), measured on the project's 2-core machines. */
export const ASSUMED_GFLOPS: Readonly<Record<string, number>> = { wasm: 15, cpu: 0.8 };

/**
 * Estimates time and disk of a run on `trainCount` training images with `numVisible` pixels.
 *
 * @example The paper preset is GPU work
 * ```ts
 * import { estimateRun } from "./estimate.ts";
 * import { resolveConfig } from "./config.ts";
 * const e = estimateRun(resolveConfig("paper"), 60000, 784);
 * console.assert(e.seconds > 30 * 24 * 3600); // months of CPU
 * ```
 */
export function estimateRun(
  config: TrainConfig,
  trainCount: number,
  numVisible: number,
  measuredSecondsPerUpdate?: Readonly<Record<number, number>>,
): RunEstimate {
  const perEpoch = updatesPerEpoch(trainCount, config.batchSize);
  const updatesPerModel = perEpoch * config.epochs;
  const chains = config.method === "pcd" ? config.chains : config.batchSize;
  let flops = 0;
  let seconds = 0;
  let diskBytes = 0;
  let bytesPerCheckpoint = 0;
  const checkpointsPerModel = config.keepCheckpoints === "last"
    ? 2
    : 1 + Math.ceil(config.epochs / config.checkpointEvery);
  for (const m of config.hidden) {
    const nm = numVisible * m;
    // data term + k sweeps (2 products each) + final p(h|v) + two gradient products
    const perUpdate = 2 * nm *
      (config.batchSize + chains * (2 * config.gibbsSteps + 1) + config.batchSize + chains);
    flops += perUpdate * updatesPerModel * config.replicas;
    const perUpdateSeconds = measuredSecondsPerUpdate?.[m] ??
      perUpdate / ((ASSUMED_GFLOPS[config.backend] ?? ASSUMED_GFLOPS.wasm) * 1e9);
    seconds += perUpdateSeconds * updatesPerModel * config.replicas;
    const arrays = 4 * (nm + numVisible + m) * (config.optimizer === "adam" ? 3 : 2);
    const size = arrays + (config.method === "pcd" ? 4 * chains * numVisible : 0) + 4 * trainCount +
      8 * Math.min(numVisible, m);
    bytesPerCheckpoint = Math.max(bytesPerCheckpoint, size);
    diskBytes += size * checkpointsPerModel * config.replicas;
  }
  return {
    models: config.hidden.length * config.replicas,
    updatesPerModel,
    flops,
    seconds,
    bytesPerCheckpoint,
    checkpointsPerModel,
    diskBytes,
  };
}

/** "3 h 20 min", "45 s", "4.1 months". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "unknown";
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 3 * 86400) return `${(seconds / 3600).toFixed(1)} h`;
  if (seconds < 60 * 86400) return `${(seconds / 86400).toFixed(1)} days`;
  return `${(seconds / (30 * 86400)).toFixed(1)} months`;
}

/** "12.3 MB", "1.2 GB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/**
 * Measures the seconds one training update of a `numHidden` model takes here, with everything the
 * loop does per update (the CD/PCD step, the finiteness check, and the spectrum log amortized over
 * `spectrumEvery` updates). Long Gibbs chains are probed with at most `maxProbeSteps` sweeps and
 * scaled by the flop ratio, so probing the paper preset takes seconds. Needs a started backend.
 *
 * @example Probe the tiny preset
 * ```ts
 * import { measureSecondsPerUpdate } from "./estimate.ts";
 * import { resolveConfig } from "./config.ts";
 * import { initBackend } from "../rbm/backend.ts";
 * await initBackend("wasm");
 * const seconds = measureSecondsPerUpdate(resolveConfig("tiny"), 784, 16);
 * console.assert(seconds > 0 && seconds < 1);
 * ```
 */
export function measureSecondsPerUpdate(
  config: TrainConfig,
  numVisible: number,
  numHidden: number,
  maxProbeSteps = 10,
): number {
  const rule = updateRuleOf(config);
  const probeSteps = Math.min(rule.gibbsSteps, maxProbeSteps);
  const probeRule = { ...rule, gibbsSteps: probeSteps };
  const rng = new Rng(1);
  const params = gaussianInit(numVisible, numHidden, rng);
  const bits = (count: number) =>
    Float32Array.from({ length: count * numVisible }, () => (rng.nextDouble() < 0.13 ? 1 : 0));
  const engine = createTfjsEngine(numVisible, numHidden, probeRule);
  try {
    engine.load({
      params,
      chains: rule.method === "pcd" ? bits(rule.numChains) : null,
      optimizer: initialOptimizerState(rule.optimizer, params),
    });
    const batch = bits(config.batchSize);
    const step = () => {
      engine.update(batch, config.batchSize, rng);
      engine.parametersAreFinite();
    };
    step(); // warm-up
    const repeats = 2;
    const t0 = performance.now();
    for (let i = 0; i < repeats; i++) step();
    const probe = (performance.now() - t0) / 1000 / repeats;
    const t1 = performance.now();
    new ModeTracker().observe(engine.weights(), numVisible, numHidden, config.spectrumTop);
    const spectrumSeconds = (performance.now() - t1) / 1000;
    const chains = rule.numChains;
    const flopsOf = (k: number) => config.batchSize * 2 + chains * (2 * k + 2);
    return probe * flopsOf(rule.gibbsSteps) / flopsOf(probeSteps) +
      spectrumSeconds / config.spectrumEvery;
  } finally {
    engine.dispose();
  }
}
