/**
 * The data layer: a pure IDX parser, MNIST-style loaders (embedded MNIST by default, any IDX
 * folder by path) and binarization plus the statistics of the RBM's data initialization.
 *
 * @example Thresholded MNIST and its mean number of active pixels
 * ```ts
 * import { binarizeThreshold, loadMnist, meanActivePixels } from "./mod.ts";
 * const { train } = await loadMnist();
 * const v = binarizeThreshold(train.images, 0.5);
 * const active = meanActivePixels(v, train.rows * train.cols);
 * console.assert(active > 90 && active < 110);
 * ```
 *
 * @module
 */
export {
  IDX_IMAGES_MAGIC,
  IDX_LABELS_MAGIC,
  IDX_UNSIGNED_BYTE,
  type IdxArray,
  type IdxImages,
  type IdxLabels,
  parseIdx,
  parseIdxImages,
  parseIdxLabels,
} from "./idx.ts";
export {
  type DigitSet,
  loadMnist,
  type LoadMnistOptions,
  type MnistData,
  mnistDataDir,
} from "./mnist.ts";
export {
  binarizeStochastic,
  binarizeThreshold,
  meanActivePixels,
  meanPixel,
  trainSubset,
} from "./binarize.ts";
