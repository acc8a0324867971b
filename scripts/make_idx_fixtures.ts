/**
 * Writes the tiny IDX fixtures of fixtures/idx/ (see fixtures/idx/README.md): a valid 5-train /
 * 3-test set of 4×4 images in both namings and gzipped, and broken variants for every error path.
 * Deterministic: pixel values come from a seeded {@link Rng}, so rerunning reproduces the files.
 *
 * Run: `deno run --allow-write scripts/make_idx_fixtures.ts`
 *
 * @module
 */
import { gzipSync } from "node:zlib";
import { deriveSeed, Rng } from "../lib/random/mod.ts";

/** Seed of the fixture pixels. */
export const FIXTURE_SEED = 20250521;
/** Rows and columns of the tiny images. */
export const TINY_SIZE = 4;
/** Labels of the tiny training set (the first five MNIST training labels). */
export const TINY_TRAIN_LABELS: readonly number[] = [5, 0, 4, 1, 9];
/** Labels of the tiny test set (the first three MNIST test labels). */
export const TINY_TEST_LABELS: readonly number[] = [7, 2, 1];
/** The first training image starts with these intensities (threshold edge cases at 0.5). */
export const TINY_FIRST_PIXELS: readonly number[] = [0, 1, 127, 128, 254, 255];

/**
 * Raw intensities of the tiny images, shape [count, 4, 4]: seeded uniform bytes, except that the
 * first training image begins with {@link TINY_FIRST_PIXELS}.
 *
 * @example The first pixels of the tiny training set
 * ```ts
 * import { tinyImages } from "./make_idx_fixtures.ts";
 * console.assert(tinyImages("train")[3] === 128);
 * ```
 */
export function tinyImages(set: "train" | "t10k"): Uint8Array {
  const count = set === "train" ? TINY_TRAIN_LABELS.length : TINY_TEST_LABELS.length;
  const rng = new Rng(deriveSeed(FIXTURE_SEED, set === "train" ? 0 : 1));
  const out = new Uint8Array(count * TINY_SIZE * TINY_SIZE);
  for (let i = 0; i < out.length; i++) out[i] = rng.nextInt(256);
  if (set === "train") out.set(TINY_FIRST_PIXELS);
  return out;
}

/**
 * An unsigned-byte IDX file: magic 00 00 08 dims.length, big-endian sizes, then `data`.
 *
 * @example Two labels
 * ```ts
 * import { idxBytes } from "./make_idx_fixtures.ts";
 * console.assert(idxBytes([2], new Uint8Array([7, 3])).join() === "0,0,8,1,0,0,0,2,7,3");
 * ```
 */
export function idxBytes(
  dims: readonly number[],
  data: Uint8Array,
  typeByte = 0x08,
): Uint8Array {
  const header = 4 + 4 * dims.length;
  const out = new Uint8Array(header + data.length);
  const view = new DataView(out.buffer);
  out.set([0, 0, typeByte, dims.length]);
  dims.forEach((n, d) => view.setUint32(4 + 4 * d, n, false));
  out.set(data, header);
  return out;
}

/**
 * Every fixture file, keyed by its path relative to fixtures/idx/.
 *
 * @example The valid set holds four files
 * ```ts
 * import { fixtureFiles } from "./make_idx_fixtures.ts";
 * const files = fixtureFiles();
 * console.assert(files.has("tiny/train-images-idx3-ubyte"));
 * ```
 */
export function fixtureFiles(): Map<string, Uint8Array> {
  const s = TINY_SIZE;
  const trainImages = idxBytes([TINY_TRAIN_LABELS.length, s, s], tinyImages("train"));
  const trainLabels = idxBytes([TINY_TRAIN_LABELS.length], Uint8Array.from(TINY_TRAIN_LABELS));
  const testImages = idxBytes([TINY_TEST_LABELS.length, s, s], tinyImages("t10k"));
  const testLabels = idxBytes([TINY_TEST_LABELS.length], Uint8Array.from(TINY_TEST_LABELS));
  const valid: [string, Uint8Array][] = [
    ["train-images", trainImages],
    ["train-labels", trainLabels],
    ["t10k-images", testImages],
    ["t10k-labels", testLabels],
  ];
  const idxName = (part: string) => part.endsWith("images") ? "idx3-ubyte" : "idx1-ubyte";
  const files = new Map<string, Uint8Array>();
  for (const [part, bytes] of valid) {
    files.set(`tiny/${part}-${idxName(part)}`, bytes);
    files.set(`tiny_dot/${part}.${idxName(part)}`, bytes);
    files.set(`tiny_gz/${part}-${idxName(part)}.gz`, gzipSync(bytes, { level: 9 }));
    if (part !== "train-labels") {
      files.set(`count_mismatch/${part}-${idxName(part)}`, bytes);
    }
    if (part.startsWith("train")) files.set(`size_mismatch/${part}-${idxName(part)}`, bytes);
    // truncated_set: the valid set, except that train-images stops after 40 bytes.
    const truncated = part === "train-images" ? bytes.subarray(0, 40) : bytes;
    files.set(`truncated_set/${part}-${idxName(part)}`, truncated);
    // incomplete: t10k-labels is missing.
    if (part !== "t10k-labels") files.set(`incomplete/${part}-${idxName(part)}`, bytes);
  }
  // count_mismatch: 5 training images but only the first 4 labels.
  files.set(
    "count_mismatch/train-labels-idx1-ubyte",
    idxBytes([4], Uint8Array.from(TINY_TRAIN_LABELS.slice(0, 4))),
  );
  // size_mismatch: 4×4 training images, 3 test images of 5×5.
  const big = new Uint8Array(TINY_TEST_LABELS.length * 25).fill(200);
  files.set("size_mismatch/t10k-images-idx3-ubyte", idxBytes([TINY_TEST_LABELS.length, 5, 5], big));
  files.set("size_mismatch/t10k-labels-idx1-ubyte", testLabels);
  // Single broken files.
  files.set("broken/truncated-images-idx3-ubyte", trainImages.subarray(0, 40));
  files.set("broken/truncated-header-idx3-ubyte", trainImages.subarray(0, 10));
  files.set("broken/oversized-images-idx3-ubyte", Uint8Array.from([...trainImages, 1, 2, 3]));
  files.set(
    "broken/wrong-magic-images-idx3-ubyte",
    Uint8Array.from([0x12, 0x34, ...trainImages.subarray(2)]),
  );
  files.set(
    "broken/float-images-idx3-ubyte",
    Uint8Array.from([0, 0, 0x0d, ...trainImages.subarray(3)]),
  );
  // corrupt_gz: tiny_gz, but train-images is cut after half of its gzip bytes.
  for (const [path, bytes] of [...files]) {
    if (!path.startsWith("tiny_gz/")) continue;
    const cut = path.includes("train-images") ? bytes.subarray(0, bytes.length >> 1) : bytes;
    files.set(path.replace("tiny_gz/", "corrupt_gz/"), cut);
  }
  return files;
}

if (import.meta.main) {
  const root = new URL("../fixtures/idx/", import.meta.url);
  for (const [path, bytes] of fixtureFiles()) {
    const url = new URL(path, root);
    await Deno.mkdir(new URL(".", url), { recursive: true });
    await Deno.writeFile(url, bytes);
    console.log(`wrote fixtures/idx/${path} (${bytes.length} bytes)`);
  }
}
