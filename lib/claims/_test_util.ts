/**
 * Test helpers: a synthetic training run (in memory) with the structure the trained-model claims
 * look for, built through the same {@link LoadedRun} interface as a real run.
 *
 * @module
 */

import { matrix, type Matrix64 } from "../linalg/mod.ts";
import { Rng } from "../random/mod.ts";
import type { RunConfigFile, RunSummary } from "../train/run_folder.ts";
import type { CheckpointParams, LoadedRun } from "./claim.ts";

/** Options of {@link syntheticRun}. */
export interface SyntheticRunOptions {
  readonly numVisible?: number;
  readonly numHidden?: number;
  /** Checkpoints after the init. */
  readonly checkpoints?: number;
  /** Final singular values of the planted modes, largest first. */
  readonly finalValues?: readonly number[];
  /** Growth onsets (fraction of training), per planted mode. */
  readonly onsets?: readonly number[];
  readonly seed?: number;
  /** Mean weight at the end of training (trained RBMs drift to a negative mean), linear in t. */
  readonly finalShift?: number;
}

/**
 * A one-model run: W(t) = G + t·shift + Σₖ θₖ(t) uₖvₖᵀ with G iid N(0, 0.01²), t ∈ [0, 1] the
 * fraction of training, uₖ supported on 40 pixels (localized, like strokes, disjoint), vₖ orthonormal and θₖ growing
 * linearly from its onset to its final value. The init checkpoint is G alone.
 */
export function syntheticRun(options: SyntheticRunOptions = {}): LoadedRun {
  const {
    numVisible: n = 784,
    numHidden: m = 16,
    checkpoints = 12,
    finalValues = [14, 11, 8, 6, 5],
    onsets = [0, 0.12, 0.24, 0.36, 0.48],
    seed = 1,
    finalShift = -0.03,
  } = options;
  const sigma = 0.01;
  const rng = new Rng(seed);
  const noise = matrix(n, m);
  rng.fillNormal(noise.data, sigma);
  // Disjoint 40-pixel supports for u and Gram–Schmidt orthonormal v: the planted pairs are exactly
  // the singular pairs of the planted part, so the final SVD recovers them one by one.
  const pixels = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [pixels[i], pixels[j]] = [pixels[j], pixels[i]];
  }
  const vs: Float64Array[] = [];
  const modes = finalValues.map((_, k) => {
    const u = new Float64Array(n);
    for (let p = 40 * k; p < 40 * (k + 1); p++) u[pixels[p]] = rng.nextNormal();
    const v = new Float64Array(m);
    for (let j = 0; j < m; j++) v[j] = rng.nextNormal();
    for (const w of vs) {
      const dot = v.reduce((sum, x, j) => sum + x * w[j], 0);
      for (let j = 0; j < m; j++) v[j] -= dot * w[j];
    }
    const nu = Math.hypot(...u), nv = Math.hypot(...v);
    const unit = v.map((x) => x / nv);
    vs.push(unit);
    return { u: u.map((x) => x / nu), v: unit };
  });
  const series: CheckpointParams[] = [];
  for (let c = 0; c <= checkpoints; c++) {
    const t = c / checkpoints;
    const w: Matrix64 = matrix(n, m, noise.data.map((x) => x + finalShift * t));
    finalValues.forEach((final, k) => {
      const theta = t <= onsets[k] ? 0 : final * (t - onsets[k]) / (1 - onsets[k]);
      for (let i = 0; i < n; i++) {
        const ui = modes[k].u[i];
        if (ui === 0) continue;
        for (let j = 0; j < m; j++) w.data[i * m + j] += theta * ui * modes[k].v[j];
      }
    });
    series.push({
      params: { weights: w, visibleBias: new Float64Array(n), hiddenBias: new Float64Array(m) },
      update: 60 * c,
    });
  }
  const paths = series.map((c) =>
    `models/h${m}-r1/checkpoints/u${String(c.update).padStart(8, "0")}`
  );
  const summary = {
    schemaVersion: 1,
    kind: "rbm-landscape-run",
    createdAt: "",
    updatedAt: "",
    models: [{
      id: `h${m}-r1`,
      numHidden: m,
      replica: 1,
      seed,
      status: "done",
      epochsDone: checkpoints,
      epochsPlanned: checkpoints,
      updatesDone: series[series.length - 1].update,
      checkpoints: paths,
      singularValues: [],
    }],
  } as RunSummary;
  return {
    dir: "synthetic",
    config: { config: { init: "gaussian", initSigma: sigma } } as unknown as RunConfigFile,
    summary,
    initSigma: sigma,
    checkpoint(relativePath: string) {
      const index = paths.indexOf(relativePath);
      if (index < 0) return Promise.reject(new Error(`no checkpoint ${relativePath}`));
      return Promise.resolve(series[index]);
    },
  };
}
