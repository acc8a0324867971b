/**
 * From raw intensities to binary visible units, and the data statistics that initialize an RBM
 * (SCIENCE.md §10: aᵢ = logit(clamp(mean pixel)), W scale 0.1/√⟨|v|²⟩).
 *
 * @module
 */
import type { Rng } from "../random/mod.ts";
import type { DigitSet } from "./mnist.ts";

const CHUNK = 65536;

/**
 * Thresholds raw intensities: pixel = 1 iff intensity/255 > threshold, a strict inequality (an
 * intensity exactly at the threshold gives 0). At the default 0.5 this means intensity ≥ 128.
 *
 * @param images Raw intensities 0..255, any shape (e.g. [count, rows, cols]).
 * @param threshold In [0, 1]; 0 keeps every non-zero pixel, 1 gives all zeros. Default 0.5.
 * @returns A new array of 0/1, same length and layout as `images`.
 *
 * @example Threshold at 0.5
 * ```ts
 * import { binarizeThreshold } from "./binarize.ts";
 * const out = binarizeThreshold(new Uint8Array([0, 127, 128, 255]));
 * console.assert(out.join() === "0,0,1,1");
 * ```
 */
export function binarizeThreshold(images: Uint8Array, threshold = 0.5): Uint8Array {
  checkImages(images, "binarize by threshold");
  if (typeof threshold !== "number" || !(threshold >= 0 && threshold <= 1)) {
    throw new RangeError(
      `Cannot binarize by threshold as threshold must be a number in [0, 1]: current value is ${threshold}`,
    );
  }
  const table = new Uint8Array(256);
  for (let i = 0; i < 256; i++) table[i] = i / 255 > threshold ? 1 : 0;
  const out = new Uint8Array(images.length);
  for (let i = 0; i < images.length; i++) out[i] = table[images[i]];
  return out;
}

/**
 * Samples binary pixels: pixel = 1 with probability intensity/255, independently (the
 * binarization of Salakhutdinov & Murray 2008). Consumes exactly `images.length` uniforms of
 * `rng.fillUniform` (24-bit floats u; pixel = 1 iff u < intensity/255, so 0 → always 0 and
 * 255 → always 1), so the output is reproducible from the generator's state.
 *
 * @param images Raw intensities 0..255, any shape.
 * @param rng The generator; advanced by `images.length` draws.
 * @returns A new array of 0/1, same length and layout as `images`.
 *
 * @example Same seed, same sample
 * ```ts
 * import { binarizeStochastic } from "./binarize.ts";
 * import { Rng } from "../random/mod.ts";
 * const images = new Uint8Array([0, 64, 128, 192, 255]);
 * const a = binarizeStochastic(images, new Rng(1));
 * const b = binarizeStochastic(images, new Rng(1));
 * console.assert(a.join() === b.join() && a[0] === 0 && a[4] === 1);
 * ```
 */
export function binarizeStochastic(images: Uint8Array, rng: Rng): Uint8Array {
  checkImages(images, "binarize stochastically");
  if (rng === null || typeof rng !== "object" || typeof rng.fillUniform !== "function") {
    throw new TypeError(
      `Cannot binarize stochastically as rng must be an Rng: current value is ${String(rng)}`,
    );
  }
  const probability = new Float32Array(256);
  for (let i = 0; i < 256; i++) probability[i] = i / 255;
  const out = new Uint8Array(images.length);
  const noise = new Float32Array(Math.min(CHUNK, images.length));
  for (let start = 0; start < images.length; start += CHUNK) {
    const n = Math.min(CHUNK, images.length - start);
    const u = n === noise.length ? noise : noise.subarray(0, n);
    rng.fillUniform(u);
    for (let k = 0; k < n; k++) out[start + k] = u[k] < probability[images[start + k]] ? 1 : 0;
  }
  return out;
}

/**
 * A seeded random subset of `size` items drawn without replacement (partial Fisher–Yates with
 * `rng.nextInt`), kept in the set's original order. Same generator state → same subset; the
 * chosen positions are returned as `indices` (ascending).
 *
 * @param set Images [count, rows, cols] and labels [count], e.g. `loadMnist().train` or a
 *   binarized copy.
 * @param size Number of items, 1 ≤ size ≤ count (size = count returns a copy of the whole set).
 * @param rng The generator; advanced by `size` draws of `nextInt`.
 * @returns A new set of `size` items with fresh buffers, plus `indices` into the original.
 *
 * @example Take 2 of 4 one-pixel images
 * ```ts
 * import { trainSubset } from "./binarize.ts";
 * import { Rng } from "../random/mod.ts";
 * const set = {
 *   images: new Uint8Array([10, 20, 30, 40]),
 *   labels: new Uint8Array([1, 2, 3, 4]),
 *   count: 4,
 *   rows: 1,
 *   cols: 1,
 * };
 * const sub = trainSubset(set, 2, new Rng(3));
 * console.assert(sub.count === 2 && sub.indices[0] < sub.indices[1]);
 * console.assert(sub.labels[0] === set.labels[sub.indices[0]]);
 * ```
 */
export function trainSubset(
  set: DigitSet,
  size: number,
  rng: Rng,
): DigitSet & { readonly indices: Uint32Array } {
  const { images, labels, count, rows, cols } = set;
  const pixels = rows * cols;
  if (
    !Number.isInteger(count) || !Number.isInteger(pixels) || count < 0 ||
    !(images instanceof Uint8Array) || !(labels instanceof Uint8Array) ||
    images.length !== count * pixels || labels.length !== count
  ) {
    throw new RangeError(
      `Cannot take a subset as the set is inconsistent: expected images.length = count·rows·cols ` +
        `and labels.length = count, current value is images.length ${images?.length}, ` +
        `labels.length ${labels?.length}, count ${count}, rows ${rows}, cols ${cols}`,
    );
  }
  if (!Number.isInteger(size) || size < 1 || size > count) {
    throw new RangeError(
      `Cannot take a subset as size must be an integer in 1..${count} (the set's count): ` +
        `current value is ${size}`,
    );
  }
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  for (let i = 0; i < size; i++) {
    const j = i + rng.nextInt(count - i);
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  const indices = order.slice(0, size).sort();
  const outImages = new Uint8Array(size * pixels);
  const outLabels = new Uint8Array(size);
  for (let k = 0; k < size; k++) {
    const i = indices[k];
    outImages.set(images.subarray(i * pixels, (i + 1) * pixels), k * pixels);
    outLabels[k] = labels[i];
  }
  return { images: outImages, labels: outLabels, count: size, rows, cols, indices };
}

/**
 * Per-pixel mean over binary images: the fraction of images with each pixel on.
 *
 * @param binaryImages 0/1 values, shape [count, numPixels] (e.g. from {@link binarizeThreshold}).
 * @param numPixels Pixels per image (784 for MNIST).
 * @returns Means in [0, 1], shape [numPixels].
 *
 * @example Two images of two pixels
 * ```ts
 * import { meanPixel } from "./binarize.ts";
 * const mean = meanPixel(new Uint8Array([1, 0, 1, 1]), 2);
 * console.assert(mean[0] === 1 && mean[1] === 0.5);
 * ```
 */
export function meanPixel(binaryImages: Uint8Array, numPixels: number): Float64Array {
  const count = checkBinary(binaryImages, numPixels, "compute mean pixels");
  const ones = new Uint32Array(numPixels);
  for (let start = 0; start < binaryImages.length; start += numPixels) {
    for (let p = 0; p < numPixels; p++) ones[p] += binaryImages[start + p];
  }
  const mean = new Float64Array(numPixels);
  for (let p = 0; p < numPixels; p++) mean[p] = ones[p] / count;
  return mean;
}

/**
 * Mean number of active pixels per image, ⟨|v|²⟩ = ⟨Σᵢ vᵢ⟩ for binary v (≈100 for MNIST
 * thresholded at 0.5); sets the weight scale 0.1/√⟨|v|²⟩ of the data initialization.
 *
 * @param binaryImages 0/1 values, shape [count, numPixels].
 * @param numPixels Pixels per image (784 for MNIST).
 * @returns The mean count of ones per image.
 *
 * @example Two images with 1 and 2 active pixels
 * ```ts
 * import { meanActivePixels } from "./binarize.ts";
 * console.assert(meanActivePixels(new Uint8Array([1, 0, 1, 1]), 2) === 1.5);
 * ```
 */
export function meanActivePixels(binaryImages: Uint8Array, numPixels: number): number {
  const count = checkBinary(binaryImages, numPixels, "compute mean active pixels");
  let ones = 0;
  for (let i = 0; i < binaryImages.length; i++) ones += binaryImages[i];
  return ones / count;
}

function checkImages(images: Uint8Array, action: string): void {
  if (!(images instanceof Uint8Array)) {
    throw new TypeError(
      `Cannot ${action} as images must be a Uint8Array of intensities 0..255: current value is ${
        Object.prototype.toString.call(images)
      }`,
    );
  }
}

/** Validates shape and 0/1 values; returns the image count. */
function checkBinary(binaryImages: Uint8Array, numPixels: number, action: string): number {
  if (!(binaryImages instanceof Uint8Array)) {
    throw new TypeError(
      `Cannot ${action} as binaryImages must be a Uint8Array of 0/1: current value is ${
        Object.prototype.toString.call(binaryImages)
      }`,
    );
  }
  if (!Number.isInteger(numPixels) || numPixels < 1) {
    throw new RangeError(
      `Cannot ${action} as numPixels must be a positive integer: current value is ${numPixels}`,
    );
  }
  if (binaryImages.length === 0 || binaryImages.length % numPixels !== 0) {
    throw new RangeError(
      `Cannot ${action} as binaryImages.length must be a positive multiple of numPixels ` +
        `(${numPixels}): current value is ${binaryImages.length}`,
    );
  }
  let max = 0;
  for (let i = 0; i < binaryImages.length; i++) max |= binaryImages[i];
  if (max > 1) {
    const at = binaryImages.findIndex((x) => x > 1);
    throw new RangeError(
      `Cannot ${action} as binaryImages must hold only 0 and 1 (binarize raw intensities ` +
        `first): current value is ${binaryImages[at]} at index ${at}`,
    );
  }
  return binaryImages.length / numPixels;
}
