/**
 * Loading a training run folder for the claims (lib/train/run_folder.ts is the contract).
 *
 * @module
 */

import { knownInitSigma } from "../analysis/analyze.ts";
import { loadCheckpoint } from "../rbm/checkpoint.ts";
import { toParams64 } from "../rbm/params.ts";
import { loadRun } from "../train/run_folder.ts";
import type { LoadedRun } from "./claim.ts";

/**
 * Reads a run folder's config and summary and returns a {@link LoadedRun} whose checkpoint loader
 * converts parameters to Float64.
 *
 * @example
 * ```ts ignore
 * import { loadRunForClaims } from "./run.ts";
 * const run = await loadRunForClaims("runs/my-run");
 * console.log(run.summary.models.map((m) => m.id), run.initSigma);
 * ```
 */
export async function loadRunForClaims(dir: string): Promise<LoadedRun> {
  const { config, summary } = await loadRun(dir);
  return {
    dir,
    config,
    summary,
    initSigma: knownInitSigma(config).sigma,
    async checkpoint(relativePath: string) {
      const ckpt = await loadCheckpoint(`${dir}/${relativePath}`);
      return { params: toParams64(ckpt.state.params), update: ckpt.progress.update };
    },
  };
}
