/**
 * A pure parser for unsigned-byte IDX files, the format of MNIST and Fashion-MNIST
 * (http://yann.lecun.com/exdb/mnist/): a 4-byte magic number `00 00 08 n` (two zero bytes, data
 * type 0x08 = unsigned byte, n = number of dimensions), n big-endian uint32 sizes, then the values
 * in row-major order. No I/O and no decompression happen here.
 *
 * @module
 */

/** Data type byte of unsigned-byte IDX files, the only type accepted here. */
export const IDX_UNSIGNED_BYTE = 0x08;
/** Magic number of an unsigned-byte IDX file with one dimension (labels). */
export const IDX_LABELS_MAGIC = 0x00000801;
/** Magic number of an unsigned-byte IDX file with three dimensions (images). */
export const IDX_IMAGES_MAGIC = 0x00000803;

const TYPE_NAMES: Record<number, string> = {
  0x08: "unsigned byte",
  0x09: "signed byte",
  0x0b: "int16",
  0x0c: "int32",
  0x0d: "float32",
  0x0e: "float64",
};

/** A parsed IDX array: its sizes and its values in row-major order. */
export interface IdxArray {
  /** Sizes of the dimensions, outermost first, e.g. `[60000, 28, 28]` for MNIST training images. */
  readonly dims: number[];
  /**
   * The values, length = product of `dims`. A view into the parsed bytes (no copy): it shares
   * their memory and has a non-zero `byteOffset`.
   */
  readonly data: Uint8Array;
}

/** Unsigned-byte IDX images: `data` has shape [count, rows, cols], row-major, raw intensities. */
export interface IdxImages {
  /** Number of images. */
  readonly count: number;
  /** Pixel rows per image. */
  readonly rows: number;
  /** Pixel columns per image. */
  readonly cols: number;
  /** Intensities 0..255, length count·rows·cols; a view into the parsed bytes. */
  readonly data: Uint8Array;
}

/** Unsigned-byte IDX labels: one byte per item. */
export interface IdxLabels {
  /** Number of labels. */
  readonly count: number;
  /** The labels, length count; a view into the parsed bytes. */
  readonly data: Uint8Array;
}

function hex32(x: number): string {
  return "0x" + (x >>> 0).toString(16).padStart(8, "0");
}

function kindOf(numDims: number): string {
  return numDims === 1 ? "IDX labels" : numDims === 3 ? "IDX images" : "IDX";
}

function readMagic(bytes: Uint8Array, name: string, what: string): number {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(
      `Cannot parse ${name} as ${what} as the input must be a Uint8Array of the file's bytes: ` +
        `current value is ${Object.prototype.toString.call(bytes)}`,
    );
  }
  if (bytes.length < 4) {
    throw new Error(
      `Cannot parse ${name} as ${what} as it is truncated: expected at least 4 bytes for the ` +
        `magic number, current value is ${bytes.length}`,
    );
  }
  const magic = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new Error(
      `Cannot parse ${name} as ${what} as it is gzip data, not IDX (gunzip it first): expected ` +
        `magic number 0x000008nn, current value is ${hex32(magic)}`,
    );
  }
  if (bytes[0] !== 0 || bytes[1] !== 0 || bytes[3] === 0) {
    throw new Error(
      `Cannot parse ${name} as ${what} as its magic number is not 00 00 <type> <dims ≥ 1>: ` +
        `expected e.g. ${hex32(IDX_IMAGES_MAGIC)} (images) or ${hex32(IDX_LABELS_MAGIC)} ` +
        `(labels), current value is ${hex32(magic)}`,
    );
  }
  if (bytes[2] !== IDX_UNSIGNED_BYTE) {
    const typeName = TYPE_NAMES[bytes[2]] ?? "unknown type";
    throw new Error(
      `Cannot parse ${name} as ${what} as its data type is not unsigned byte: expected type ` +
        `byte 0x08, current value is 0x${bytes[2].toString(16).padStart(2, "0")} (${typeName})`,
    );
  }
  return magic;
}

/**
 * Parses an unsigned-byte IDX file with any number of dimensions (≥ 1). Validates the magic
 * number (two zero bytes, type byte 0x08, dimension count ≥ 1), that the header is complete, and
 * that the byte length is exactly header + product of the sizes (no truncation, no trailing bytes).
 * Every error names `name` and the expected form.
 *
 * @param bytes The whole file, already decompressed.
 * @param name The file name, used in error messages.
 * @returns The sizes and a zero-copy view of the values.
 *
 * @example Parse a two-item label file
 * ```ts
 * import { parseIdx } from "./idx.ts";
 * const bytes = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 7, 3]);
 * const { dims, data } = parseIdx(bytes, "labels-idx1-ubyte");
 * console.assert(dims.length === 1 && dims[0] === 2);
 * console.assert(data[0] === 7 && data[1] === 3);
 * ```
 */
export function parseIdx(bytes: Uint8Array, name: string): IdxArray {
  readMagic(bytes, name, "IDX");
  const numDims = bytes[3];
  const what = kindOf(numDims);
  const headerLength = 4 + 4 * numDims;
  if (bytes.length < headerLength) {
    throw new Error(
      `Cannot parse ${name} as ${what} as its header is truncated: expected at least ` +
        `${headerLength} bytes for ${numDims} dimension sizes, current value is ${bytes.length}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let size = 1;
  for (let d = 0; d < numDims; d++) {
    const n = view.getUint32(4 + 4 * d, false);
    dims.push(n);
    size *= n;
  }
  const expected = headerLength + size;
  if (bytes.length !== expected) {
    const reason = bytes.length < expected ? "it is truncated" : "it has trailing bytes";
    throw new Error(
      `Cannot parse ${name} as ${what} as ${reason}: expected ${expected} bytes for ` +
        `${dims.join("×")}, current value is ${bytes.length}`,
    );
  }
  return { dims, data: bytes.subarray(headerLength) };
}

/**
 * Parses an IDX image file (magic 0x00000803: unsigned bytes, 3 dimensions count×rows×cols).
 *
 * @param bytes The whole file, already decompressed.
 * @param name The file name, used in error messages.
 * @returns Count, rows, cols and a zero-copy view of the intensities.
 *
 * @example One 2×2 image
 * ```ts
 * import { parseIdxImages } from "./idx.ts";
 * const bytes = new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 0, 64, 128, 255]);
 * const images = parseIdxImages(bytes, "tiny-images-idx3-ubyte");
 * console.assert(images.count === 1 && images.rows === 2 && images.cols === 2);
 * console.assert(images.data[3] === 255);
 * ```
 */
export function parseIdxImages(bytes: Uint8Array, name: string): IdxImages {
  const magic = readMagic(bytes, name, "IDX images");
  if (magic !== IDX_IMAGES_MAGIC) {
    throw new Error(
      `Cannot parse ${name} as IDX images as it has ${bytes[3]} dimension(s), not 3: expected ` +
        `magic number ${hex32(IDX_IMAGES_MAGIC)}, current value is ${hex32(magic)}`,
    );
  }
  const { dims, data } = parseIdx(bytes, name);
  return { count: dims[0], rows: dims[1], cols: dims[2], data };
}

/**
 * Parses an IDX label file (magic 0x00000801: unsigned bytes, 1 dimension).
 *
 * @param bytes The whole file, already decompressed.
 * @param name The file name, used in error messages.
 * @returns Count and a zero-copy view of the labels.
 *
 * @example Three labels
 * ```ts
 * import { parseIdxLabels } from "./idx.ts";
 * const labels = parseIdxLabels(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 5, 0, 4]), "l");
 * console.assert(labels.count === 3 && labels.data[0] === 5);
 * ```
 */
export function parseIdxLabels(bytes: Uint8Array, name: string): IdxLabels {
  const magic = readMagic(bytes, name, "IDX labels");
  if (magic !== IDX_LABELS_MAGIC) {
    throw new Error(
      `Cannot parse ${name} as IDX labels as it has ${bytes[3]} dimension(s), not 1: expected ` +
        `magic number ${hex32(IDX_LABELS_MAGIC)}, current value is ${hex32(magic)}`,
    );
  }
  const { dims, data } = parseIdx(bytes, name);
  return { count: dims[0], data };
}
