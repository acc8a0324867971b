/**
 * Time and disk estimates printed before a run starts, so that a GPU-scale preset is never launched
 * on a laptop by accident.
 *
 * @module
 */

import type { TrainConfig } from "./config.ts";
import { updatesPerEpoch } from "./train.ts";

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
): RunEstimate {
  const perEpoch = updatesPerEpoch(trainCount, config.batchSize);
  const updatesPerModel = perEpoch * config.epochs;
  const chains = config.method === "pcd" ? config.chains : config.batchSize;
  let flops = 0;
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
    const arrays = 4 * (nm + numVisible + m) * (config.optimizer === "adam" ? 3 : 2);
    const size = arrays + (config.method === "pcd" ? 4 * chains * numVisible : 0) + 4 * trainCount +
      8 * Math.min(numVisible, m);
    bytesPerCheckpoint = Math.max(bytesPerCheckpoint, size);
    diskBytes += size * checkpointsPerModel * config.replicas;
  }
  const gflops = ASSUMED_GFLOPS[config.backend] ?? ASSUMED_GFLOPS.wasm;
  return {
    models: config.hidden.length * config.replicas,
    updatesPerModel,
    flops,
    seconds: flops / (gflops * 1e9),
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
