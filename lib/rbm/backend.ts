/**
 * Choosing and starting the tfjs backend. The wasm backend (single-threaded SIMD build; the threaded
 * build hangs now and then under Deno) is about 20× faster than the pure-JS cpu backend. Its .wasm
 * files are located through `import.meta.resolve` of the pinned npm specifier, so this works when the
 * module is imported by URL and no ./node_modules exists.
 *
 * @module
 */

import { setWasmPaths, tf, TFJS_WASM_SPECIFIER } from "../deps.ts";

/** The tfjs backends this project supports. */
export type BackendName = "wasm" | "cpu";

/** What {@link initBackend} started, and why if it is not what was asked for. */
export interface BackendInfo {
  /** The backend that was asked for. */
  readonly requested: BackendName;
  /** The backend now serving tfjs (cpu when wasm could not start). */
  readonly active: BackendName;
  /** Set when the requested backend could not start and the cpu backend serves instead. */
  readonly notice?: string;
  /** Version of @tensorflow/tfjs-core, e.g. "4.22.0" (recorded in config.json). */
  readonly tfjsVersion: string;
}

/** The folder (a filesystem path ending in "/") holding the tfjs wasm binaries. */
export function wasmBinaryFolder(): string {
  const entry = new URL(import.meta.resolve(TFJS_WASM_SPECIFIER));
  if (entry.protocol !== "file:") {
    throw new Error(
      `Cannot locate the tfjs wasm binaries as the package did not resolve to a local file: current value is ${entry.href}`,
    );
  }
  const folder = new URL("./", entry);
  return decodeURIComponent(folder.pathname);
}

/**
 * Starts a tfjs backend once per process (later calls with the same name are free). The wasm
 * backend falls back to cpu with a notice if it cannot start.
 *
 * @example Start the default backend
 * ```ts
 * import { initBackend } from "./backend.ts";
 * const info = await initBackend("wasm");
 * console.assert(info.active === "wasm" || info.notice !== undefined);
 * ```
 */
export async function initBackend(requested: BackendName = "wasm"): Promise<BackendInfo> {
  if (requested !== "wasm" && requested !== "cpu") {
    throw new RangeError(
      `Cannot start the tfjs backend as it must be "wasm" or "cpu": current value is ${
        JSON.stringify(requested)
      }`,
    );
  }
  const tfjsVersion = tf.version_core;
  // Silences tfjs's console hints (e.g. "install tfjs-node"), which are wrong under Deno.
  tf.env().set("PROD", true);
  if (tf.getBackend() === requested && tf.engine().backendName === requested) {
    return { requested, active: requested, tfjsVersion };
  }
  if (requested === "wasm") {
    try {
      tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
      setWasmPaths(wasmBinaryFolder());
      if (await tf.setBackend("wasm")) {
        await tf.ready();
        return { requested, active: "wasm", tfjsVersion };
      }
    } catch (error) {
      await tf.setBackend("cpu");
      return {
        requested,
        active: "cpu",
        tfjsVersion,
        notice: `wasm backend unavailable (${
          (error as Error).message
        }); using the slower cpu backend`,
      };
    }
    await tf.setBackend("cpu");
    return {
      requested,
      active: "cpu",
      tfjsVersion,
      notice: "wasm backend failed to start; using the slower cpu backend",
    };
  }
  await tf.setBackend("cpu");
  await tf.ready();
  return { requested, active: "cpu", tfjsVersion };
}
