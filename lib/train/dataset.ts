/**
 * The binarized training data a run uses: loaded once, shared by every model of the sweep.
 *
 * @module
 */

import {
  binarizeStochastic,
  binarizeThreshold,
  type DigitSet,
  loadMnist,
  meanActivePixels,
  meanPixel,
  trainSubset,
} from "../data/mod.ts";
import { deriveSeed, Rng } from "../random/mod.ts";
import type { TrainConfig } from "./config.ts";

/** Binarized images (0/1 bytes, row-major [count, numVisible]) ready for training and metrics. */
export interface TrainingData {
  readonly numVisible: number;
  readonly train: Uint8Array;
  readonly trainCount: number;
  readonly test: Uint8Array;
  readonly testCount: number;
  /** Per-pixel mean of the binarized training images (for the data init). */
  readonly meanPixels: Float64Array;
  /** Mean number of active pixels per training image, ⟨|v|²⟩. */
  readonly meanActivePixels: number;
  /** Where the images came from. */
  readonly source: string;
}

/** Labels separating the data seeds from the model seeds (see deriveSeed). */
const SUBSET_LABEL = 0x5eed0001;
const BINARIZE_LABEL = 0x5eed0002;

function binarize(set: DigitSet, config: TrainConfig, label: number): Uint8Array {
  return config.binarize === "threshold"
    ? binarizeThreshold(set.images, config.threshold)
    : binarizeStochastic(set.images, new Rng(deriveSeed(config.seed, BINARIZE_LABEL, label)));
}

/**
 * Loads and binarizes the data named by a config (embedded MNIST unless `config.data`).
 *
 * @example
 * ```ts
 * import { prepareData } from "./dataset.ts";
 * import { resolveConfig } from "./config.ts";
 * const data = await prepareData(resolveConfig("tiny"));
 * console.assert(data.trainCount === 500 && data.numVisible === 784);
 * ```
 */
export async function prepareData(config: TrainConfig): Promise<TrainingData> {
  const mnist = await loadMnist(config.data === null ? {} : { dir: config.data });
  let train = mnist.train;
  if (config.trainSize !== null) {
    if (config.trainSize > train.count) {
      throw new RangeError(
        `Cannot use --train-size as it must be at most the ${train.count} training images: current value is ${config.trainSize}`,
      );
    }
    train = trainSubset(train, config.trainSize, new Rng(deriveSeed(config.seed, SUBSET_LABEL)));
  }
  if (train.count < config.batchSize) {
    throw new RangeError(
      `Cannot train as the training set must hold at least one batch (${config.batchSize}): current value is ${train.count}`,
    );
  }
  const numVisible = train.rows * train.cols;
  const trainBits = binarize(train, config, 1);
  return {
    numVisible,
    train: trainBits,
    trainCount: train.count,
    test: binarize(mnist.test, config, 2),
    testCount: mnist.test.count,
    meanPixels: meanPixel(trainBits, numVisible),
    meanActivePixels: meanActivePixels(trainBits, numVisible),
    source: mnist.source,
  };
}

/**
 * Copies the rows `order[from .. from+count)` of `bits` into `out` as Float32 0/1 values.
 *
 * @example
 * ```ts
 * import { gatherRows } from "./dataset.ts";
 * const out = gatherRows(new Uint8Array([0, 1, 1, 0]), 2, new Uint32Array([1, 0]), 0, 1, new Float32Array(2));
 * console.assert(out[0] === 1 && out[1] === 0);
 * ```
 */
export function gatherRows(
  bits: Uint8Array,
  numVisible: number,
  order: ArrayLike<number>,
  from: number,
  count: number,
  out: Float32Array,
): Float32Array {
  for (let r = 0; r < count; r++) {
    const src = order[from + r] * numVisible;
    const dst = r * numVisible;
    for (let i = 0; i < numVisible; i++) out[dst + i] = bits[src + i];
  }
  return out;
}

/** The first `count` rows of `bits` (or all, if fewer) as Float32 0/1 values. */
export function leadingRows(bits: Uint8Array, numVisible: number, count: number): Float32Array {
  const rows = Math.min(count, bits.length / numVisible);
  return Float32Array.from(bits.subarray(0, rows * numVisible));
}
