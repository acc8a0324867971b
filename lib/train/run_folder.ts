/**
 * The run folder: the contract that analyze, verify and report build on (documented in README).
 *
 * ```
 * DIR/config.json                       every setting, environment, per-model seeds
 * DIR/summary.json                      versioned; rewritten atomically after every checkpoint
 * DIR/models/<id>/metrics.ndjson        one line per epoch (and one for the init, epoch 0)
 * DIR/models/<id>/spectrum.ndjson       top-k singular values every K updates
 * DIR/models/<id>/checkpoints/u00000600/  checkpoint bundles (lib/rbm/checkpoint.ts)
 * ```
 * Model ids read `h<hidden>-r<replica>`, e.g. `h64-r1` (replicas count from 1).
 *
 * @module
 */

import { writeJsonAtomic, writeTextAtomic } from "../io/atomic.ts";
import type { TrainConfig } from "./config.ts";

/** Version of summary.json and config.json. */
export const RUN_SCHEMA_VERSION = 1;

/** A model's lifecycle in summary.json. */
export type ModelStatus = "pending" | "running" | "interrupted" | "done" | "failed";

/** One model's entry in summary.json. */
export interface ModelSummary {
  readonly id: string;
  readonly numHidden: number;
  /** 1-based. */
  readonly replica: number;
  readonly seed: number;
  status: ModelStatus;
  /** Why the model failed, when it did. */
  reason?: string;
  epochsDone: number;
  epochsPlanned: number;
  updatesDone: number;
  /** Checkpoint folders relative to the run folder, oldest first. */
  checkpoints: string[];
  /** The full singular-value spectrum of the latest checkpoint (descending, Float64). */
  singularValues: number[];
}

/** summary.json. */
export interface RunSummary {
  readonly schemaVersion: number;
  readonly kind: "rbm-landscape-run";
  readonly createdAt: string;
  updatedAt: string;
  models: ModelSummary[];
}

/** config.json. */
export interface RunConfigFile {
  readonly schemaVersion: number;
  readonly kind: "rbm-landscape-config";
  readonly createdAt: string;
  readonly config: TrainConfig;
  readonly environment: Record<string, string | null>;
  readonly data: {
    source: string;
    trainCount: number;
    testCount: number;
    meanActivePixels: number;
  };
  readonly models: { id: string; numHidden: number; replica: number; seed: number }[];
}

/** The id of a model, e.g. `h64-r1`. */
export function modelId(numHidden: number, replica: number): string {
  return `h${numHidden}-r${replica}`;
}

/** The folder of a model inside a run folder. */
export function modelFolder(runDir: string, id: string): string {
  return `${runDir}/models/${id}`;
}

/** Writes summary.json atomically (stamping updatedAt). */
export async function writeSummary(runDir: string, summary: RunSummary): Promise<void> {
  summary.updatedAt = new Date().toISOString();
  await writeJsonAtomic(`${runDir}/summary.json`, summary);
}

/**
 * Reads a run folder's config.json and summary.json with clear errors.
 *
 * @example
 * ```ts
 * import { loadRun } from "./run_folder.ts";
 * // const { config, summary } = await loadRun("runs/2026-12-03T17-00-00");
 * ```
 */
export async function loadRun(
  runDir: string,
): Promise<{ config: RunConfigFile; summary: RunSummary }> {
  const read = async <T>(name: string, kind: string): Promise<T> => {
    let text: string;
    try {
      text = await Deno.readTextFile(`${runDir}/${name}`);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) {
        throw new Error(
          `Cannot load run ${runDir} as it has no ${name}: current value is missing (not a run folder?)`,
        );
      }
      throw error;
    }
    const value = JSON.parse(text);
    if (value.kind !== kind || value.schemaVersion !== RUN_SCHEMA_VERSION) {
      throw new Error(
        `Cannot load ${runDir}/${name} as it must be ${kind} v${RUN_SCHEMA_VERSION}: current value is ${value.kind} v${value.schemaVersion}`,
      );
    }
    return value as T;
  };
  return {
    config: await read<RunConfigFile>("config.json", "rbm-landscape-config"),
    summary: await read<RunSummary>("summary.json", "rbm-landscape-run"),
  };
}

/** Reads an NDJSON file (missing file → empty list). */
export async function readNdjson<T>(path: string): Promise<T[]> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
  return text.split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line) as T);
}

/** Appends one JSON line to an NDJSON file. */
export async function appendNdjson(path: string, value: unknown): Promise<void> {
  await Deno.writeTextFile(path, JSON.stringify(value) + "\n", { append: true });
}

/** Drops (atomically) the lines of an NDJSON log whose `update` is beyond `lastUpdate`. */
export async function truncateNdjson(path: string, lastUpdate: number): Promise<void> {
  const rows = await readNdjson<{ update: number }>(path);
  const kept = rows.filter((row) => row.update <= lastUpdate);
  await writeTextAtomic(path, kept.map((row) => JSON.stringify(row) + "\n").join(""));
}

/** True if `path` is missing or an empty folder. */
export async function isEmptyOrMissing(path: string): Promise<boolean> {
  try {
    for await (const _ of Deno.readDir(path)) return false;
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return true;
    throw error;
  }
}
