/**
 * Binary array bundles: a folder with `manifest.json` plus one raw little-endian file per array
 * (`.f32`, `.f64`, `.u32`). Readable from numpy without any library of ours:
 * `np.fromfile("weights.f32", "<f4").reshape(shape)`.
 *
 * @module
 */

import { writeFolderAtomic } from "./atomic.ts";

/** The array element types a bundle can hold. */
export type DType = "float32" | "float64" | "uint32";
/** An array a bundle can hold. */
export type BundleArray = Float32Array | Float64Array | Uint32Array;

/** Describes one stored array in a manifest. */
export interface ArrayEntry {
  /** File name inside the bundle folder: the array's name plus `.f32`, `.f64` or `.u32`. */
  readonly file: string;
  /** Element type of the raw little-endian file. */
  readonly dtype: DType;
  /** Array shape, row-major; the product of its entries is the element count. */
  readonly shape: readonly number[];
}

/** A bundle read back: its manifest and the arrays by name. */
export interface Bundle<M> {
  /** The parsed manifest.json, typed as `M` (it also still holds the `arrays` entries). */
  readonly manifest: M;
  /** Each stored array by name, flat in row-major order (shapes are in the manifest). */
  readonly arrays: Record<string, BundleArray>;
}

const EXTENSION: Record<DType, string> = { float32: "f32", float64: "f64", uint32: "u32" };

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  throw new Error(
    "Cannot use binary bundles as this machine is big-endian: current value is big-endian",
  );
}

function dtypeOf(array: BundleArray): DType {
  if (array instanceof Float32Array) return "float32";
  if (array instanceof Float64Array) return "float64";
  if (array instanceof Uint32Array) return "uint32";
  throw new TypeError(
    `Cannot store an array as it must be a Float32Array, Float64Array or Uint32Array: current value is ${
      (array as object).constructor.name
    }`,
  );
}

/**
 * Writes `arrays` and a manifest (your fields plus `arrays`: name → {file, dtype, shape}) atomically
 * into the folder `path`.
 *
 * @example Write and read back a bundle
 * ```ts
 * import { readBundle, writeBundle } from "./arrays.ts";
 * const dir = await Deno.makeTempDir();
 * await writeBundle(`${dir}/b`, { note: "hi" }, { w: { data: new Float32Array([1, 2]), shape: [1, 2] } });
 * const back = await readBundle<{ note: string }>(`${dir}/b`);
 * console.assert(back.manifest.note === "hi" && back.arrays.w[1] === 2);
 * ```
 */
export async function writeBundle(
  path: string,
  manifest: Record<string, unknown>,
  arrays: Record<string, { data: BundleArray; shape: readonly number[] }>,
): Promise<void> {
  const entries: Record<string, ArrayEntry> = {};
  for (const [name, { data, shape }] of Object.entries(arrays)) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (size !== data.length) {
      throw new RangeError(
        `Cannot write array "${name}" as its shape [${shape}] needs ${size} values: current value is ${data.length}`,
      );
    }
    const dtype = dtypeOf(data);
    entries[name] = { file: `${name}.${EXTENSION[dtype]}`, dtype, shape: [...shape] };
  }
  await writeFolderAtomic(path, async (tmp) => {
    for (const [name, { data }] of Object.entries(arrays)) {
      await Deno.writeFile(
        `${tmp}/${entries[name].file}`,
        new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      );
    }
    await Deno.writeTextFile(
      `${tmp}/manifest.json`,
      JSON.stringify({ ...manifest, arrays: entries }, null, 2) + "\n",
    );
  });
}

/**
 * Reads a bundle written by {@link writeBundle}, checking every file's length against its manifest.
 *
 * @example Read back a bundle's arrays and their shapes
 * ```ts
 * import { type ArrayEntry, readBundle, writeBundle } from "./arrays.ts";
 * const dir = await Deno.makeTempDir();
 * const data = new Float64Array([1, 2, 3, 4, 5, 6]);
 * await writeBundle(`${dir}/b`, { kind: "demo" }, { x: { data, shape: [2, 3] } });
 * const { manifest, arrays } = await readBundle<
 *   { kind: string; arrays: Record<string, ArrayEntry> }
 * >(`${dir}/b`);
 * console.assert(manifest.kind === "demo" && manifest.arrays.x.shape[1] === 3);
 * console.assert(arrays.x instanceof Float64Array && arrays.x[5] === 6);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function readBundle<M>(path: string): Promise<Bundle<M>> {
  let text: string;
  try {
    text = await Deno.readTextFile(`${path}/manifest.json`);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(
        `Cannot read bundle ${path} as it has no manifest.json: current value is missing`,
      );
    }
    throw error;
  }
  const parsed = JSON.parse(text) as M & { arrays: Record<string, ArrayEntry> };
  const arrays: Record<string, BundleArray> = {};
  for (const [name, entry] of Object.entries(parsed.arrays ?? {})) {
    const bytes = await Deno.readFile(`${path}/${entry.file}`);
    const width = entry.dtype === "float64" ? 8 : 4;
    const size = entry.shape.reduce((a, b) => a * b, 1);
    if (bytes.byteLength !== size * width) {
      throw new Error(
        `Cannot read ${path}/${entry.file} as ${entry.dtype}[${entry.shape}] needs ${
          size * width
        } bytes: current value is ${bytes.byteLength}`,
      );
    }
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    arrays[name] = entry.dtype === "float32"
      ? new Float32Array(buffer)
      : entry.dtype === "float64"
      ? new Float64Array(buffer)
      : new Uint32Array(buffer);
  }
  return { manifest: parsed, arrays };
}
