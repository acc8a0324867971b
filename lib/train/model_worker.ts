/**
 * A worker that trains models of a run one at a time, so that {@link train} can use several cores
 * (the tfjs wasm backend is single-threaded). It loads the data once and reports progress, log
 * lines and every change of its model's summary entry to the main thread, which alone writes
 * summary.json. Messages: {@link ToModelWorker} in, {@link FromModelWorker} out.
 *
 * @module
 */

import { initBackend } from "../rbm/backend.ts";
import type { TrainConfig } from "./config.ts";
import { prepareData, type TrainingData } from "./dataset.ts";
import { ModelTrainer } from "./model_trainer.ts";
import type { ModelSummary } from "./run_folder.ts";
import type { ProgressEvent } from "./train.ts";

/** Messages to the worker: train one model, or stop at the next update with a checkpoint. */
export type ToModelWorker =
  | {
    readonly type: "train";
    readonly config: TrainConfig;
    readonly runDir: string;
    readonly entry: ModelSummary;
    readonly index: number;
    readonly count: number;
  }
  | { readonly type: "abort" };

/** Messages from the worker. */
export type FromModelWorker =
  | { readonly type: "progress"; readonly event: ProgressEvent }
  | { readonly type: "log"; readonly line: string }
  | { readonly type: "entry"; readonly entry: ModelSummary }
  | { readonly type: "finished"; readonly interrupted: boolean; readonly entry: ModelSummary }
  | { readonly type: "error"; readonly message: string };

// deno-lint-ignore no-explicit-any
const scope = self as any;
const post = (message: FromModelWorker) => scope.postMessage(message);
const controller = new AbortController();
let data: Promise<TrainingData> | null = null;

scope.onmessage = async (event: MessageEvent<ToModelWorker>) => {
  const message = event.data;
  if (message.type === "abort") {
    controller.abort();
    return;
  }
  const { config, runDir, entry, index, count } = message;
  try {
    await initBackend(config.backend);
    data ??= prepareData(config);
    const trainer = new ModelTrainer(
      config,
      await data,
      runDir,
      entry,
      () => Promise.resolve(post({ type: "entry", entry })),
      {
        onProgress: (progress) => post({ type: "progress", event: progress }),
        onLog: (line) => post({ type: "log", line }),
        signal: controller.signal,
      },
      index,
      count,
    );
    const interrupted = await trainer.run();
    post({ type: "finished", interrupted, entry });
  } catch (error) {
    post({ type: "error", message: (error as Error)?.stack ?? String(error) });
  }
};
