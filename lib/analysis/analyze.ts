/**
 * `analyze`: reads a run folder (lib/train/run_folder.ts) and writes, per model,
 * `DIR/models/<id>/analysis.json` and, for all models analyzed, `DIR/analysis.json` (schema in
 * schema.ts and lib/analysis/README.md). Per model it checks the Marčenko–Pastur law at init,
 * counts the spikes of the trained spectrum, summarizes the crossings of λ = 4 from the training
 * log, measures rotational-symmetry breaking, and reports the Gaussian-limit moments and saddle
 * energy of the trained model.
 *
 * Seeds: every random draw derives from the base seed through
 * model = deriveSeed(base, numHidden, replica), then deriveSeed(model, 1) for the MP null (replicate r
 * of lib/rmt `mpGoodnessOfFit` draws from deriveSeed(deriveSeed(model, 1), r)) and deriveSeed(model, 2)
 * for the rotation test (streams in symmetry.ts), so a model's analysis does not depend on which
 * other models are analyzed.
 *
 * @module
 */

import { writeJsonAtomic } from "../io/atomic.ts";
import { type Matrix64, singularValues as computeSingularValues } from "../linalg/mod.ts";
import { deriveSeed } from "../random/mod.ts";
import { type Checkpoint, loadCheckpoint } from "../rbm/checkpoint.ts";
import type { SpectrumLogEntry } from "../reciprocal/modes.ts";
import { toReciprocal } from "../reciprocal/transform.ts";
import {
  loadRun,
  modelFolder,
  type ModelSummary,
  readNdjson,
  type RunConfigFile,
} from "../train/run_folder.ts";
import { weightsMatrix } from "../train/spectra.ts";
import type { EpochMetrics } from "../train/train.ts";
import { analyzeCrossings } from "./crossings.ts";
import { sampleCrossCheck, type SamplingOptions } from "./sampling.ts";
import { DEFAULT_REPORTED_MODES, gaussianLimitSummary, saddleSummary } from "./reciprocal.ts";
import {
  ANALYSIS_SCHEMA_VERSION,
  type CheckpointReference,
  type ModelAnalysis,
  type RunAnalysis,
} from "./schema.ts";
import { analyzeInitSpectrum, analyzeTrainedSpectrum } from "./spectrum.ts";
import { analyzeRotation, ROTATION_BINS } from "./symmetry.ts";

/** Default base seed of all simulation. */
export const DEFAULT_ANALYSIS_SEED = 2025;

/**
 * Default number of simulated matrices for each null (MP goodness of fit and rotation JS): with
 * R = 199, (R + 1)·0.01 is an integer, so "p ≤ 0.01" is a Monte Carlo test of size exactly 0.01
 * (at most one null statistic reaching the observed one), and p-values resolve to 0.005.
 */
export const DEFAULT_NULL_SAMPLES = 199;

/** Options of {@link analyzeModel} and {@link analyzeRun}. */
export interface AnalyzeOptions {
  /** Base seed (default {@link DEFAULT_ANALYSIS_SEED}). */
  readonly seed?: number;
  /** Simulated matrices per null (default {@link DEFAULT_NULL_SAMPLES}). */
  readonly nullSamples?: number;
  /** Leading paired modes listed per model (default 4, plus the last paired mode). */
  readonly reportedModes?: number;
  /** Histogram bins of the rotation test (default 1000, SCIENCE.md §5). */
  readonly rotationBins?: number;
  /** Sample sizes of the uniform/Gibbs cross-check (defaults in lib/analysis/sampling.ts). */
  readonly sampling?: Omit<SamplingOptions, "seed" | "modes">;
}

/** Options of {@link analyzeRun}. */
export interface AnalyzeRunOptions extends AnalyzeOptions {
  /** Model ids to analyze (default: all in summary.json). */
  readonly models?: readonly string[];
  /** Whether to write the analysis.json files (default true). */
  readonly write?: boolean;
  /** Called after each model with its analysis (or the reason it was skipped) and wall seconds. */
  readonly onModel?: (event: AnalyzeProgress) => void;
}

/** Progress of {@link analyzeRun}. */
export interface AnalyzeProgress {
  /** The model just analyzed or skipped, e.g. "h64-r1". */
  readonly modelId: string;
  /** 1-based position among the models requested. */
  readonly index: number;
  /** Number of models requested. */
  readonly count: number;
  /** Wall-clock seconds the model's analysis took (0 when skipped). */
  readonly seconds: number;
  /** The model's analysis, or null when it was skipped. */
  readonly analysis: ModelAnalysis | null;
  /** Why the model was skipped (e.g. no checkpoint yet), or null when it was analyzed. */
  readonly skipped: string | null;
}

/**
 * The σ that W was initialized with, from config.json: `gaussian` init → config.initSigma;
 * `data` init → 0.1/√(⟨|v|²⟩ + 1e-6) with ⟨|v|²⟩ the mean number of active training pixels.
 *
 * @example A gaussian-init run
 * ```ts
 * import { knownInitSigma } from "./analyze.ts";
 * import type { RunConfigFile } from "../train/run_folder.ts";
 * const config = { config: { init: "gaussian", initSigma: 0.01 }, data: { meanActivePixels: 100 } };
 * console.assert(knownInitSigma(config as unknown as RunConfigFile).sigma === 0.01);
 * ```
 */
export function knownInitSigma(config: RunConfigFile): { sigma: number; source: string } {
  const c = config.config;
  if (c.init === "gaussian") {
    return { sigma: c.initSigma, source: "gaussian init: config initSigma" };
  }
  const active = config.data.meanActivePixels;
  if (!(active >= 0) || !Number.isFinite(active)) {
    throw new RangeError(
      `Cannot recover the init σ of a data init as the mean number of active pixels must be finite and ≥ 0: current value is ${active}`,
    );
  }
  return {
    sigma: 0.1 / Math.sqrt(active + 1e-6),
    source: `data init: 0.1/√(⟨|v|²⟩ + 1e-6), ⟨|v|²⟩ = ${active}`,
  };
}

function checkNullSamples(nullSamples: number): void {
  if (!Number.isInteger(nullSamples) || nullSamples < 1) {
    throw new RangeError(
      `Cannot analyze as the number of null samples must be a positive integer: current value is ${nullSamples}`,
    );
  }
}

function fullSpectrum(ckpt: Checkpoint, w: Matrix64): Float64Array {
  const l = Math.min(w.rows, w.cols);
  return ckpt.singularValues.length === l ? ckpt.singularValues : computeSingularValues(w);
}

function reference(path: string, ckpt: Checkpoint): CheckpointReference {
  return { path, epoch: ckpt.progress.epoch, update: ckpt.progress.update };
}

/**
 * Analyzes one model of a run folder (reads its checkpoints and logs; writes nothing). The model
 * must have at least one checkpoint: the first is taken as the init, the last as the trained model.
 *
 * @example Analyze one model of a run
 * ```ts ignore
 * import { analyzeModel } from "./analyze.ts";
 * import { loadRun } from "../train/run_folder.ts";
 * const { config, summary } = await loadRun("runs/my-run");
 * const a = await analyzeModel("runs/my-run", config, summary.models[0], { nullSamples: 50 });
 * console.log(a.init.mpConsistent, a.trained.modesAbove4);
 * ```
 */
export async function analyzeModel(
  runDir: string,
  config: RunConfigFile,
  model: ModelSummary,
  options: AnalyzeOptions = {},
): Promise<ModelAnalysis> {
  const {
    seed = DEFAULT_ANALYSIS_SEED,
    nullSamples = DEFAULT_NULL_SAMPLES,
    reportedModes = DEFAULT_REPORTED_MODES,
    rotationBins = ROTATION_BINS,
  } = options;
  checkNullSamples(nullSamples);
  if (model.checkpoints.length === 0) {
    throw new RangeError(
      `Cannot analyze model ${model.id} as it has no checkpoint yet: current value is []`,
    );
  }
  const initPath = model.checkpoints[0];
  const trainedPath = model.checkpoints[model.checkpoints.length - 1];
  const initCkpt = await loadCheckpoint(`${runDir}/${initPath}`);
  const trainedCkpt = trainedPath === initPath
    ? initCkpt
    : await loadCheckpoint(`${runDir}/${trainedPath}`);
  const p = trainedCkpt.state.params;
  const shape = { numRows: p.numVisible, numCols: p.numHidden };
  const initW = weightsMatrix(initCkpt.state.params.weights, p.numVisible, p.numHidden);
  const trainedW = weightsMatrix(p.weights, p.numVisible, p.numHidden);
  const modelSeed = deriveSeed(seed, model.numHidden, model.replica);
  const known = knownInitSigma(config);

  const init = analyzeInitSpectrum(fullSpectrum(initCkpt, initW), shape, known.sigma, {
    nullSamples,
    seed: deriveSeed(modelSeed, 1),
    knownSigmaSource: known.source,
  });
  const trained = analyzeTrainedSpectrum(
    fullSpectrum(trainedCkpt, trainedW),
    shape,
    init.fittedSigma,
  );

  const folder = modelFolder(runDir, model.id);
  const crossings = analyzeCrossings(
    await readNdjson<SpectrumLogEntry>(`${folder}/spectrum.ndjson`),
  );
  const rotation = analyzeRotation(initW, trainedW, {
    seed: deriveSeed(modelSeed, 2),
    nullSamples,
    sigma: known.sigma,
    bins: rotationBins,
  });

  const reciprocal = toReciprocal({
    weights: trainedW,
    visibleBias: Float64Array.from(p.visibleBias),
    hiddenBias: Float64Array.from(p.hiddenBias),
  });
  const metrics = await readNdjson<EpochMetrics>(`${folder}/metrics.ndjson`);
  const logged = metrics.find((m) => m.update === trainedCkpt.progress.update)?.saddleEnergy;

  return {
    schemaVersion: ANALYSIS_SCHEMA_VERSION,
    kind: "rbm-landscape-model-analysis",
    modelId: model.id,
    numVisible: p.numVisible,
    numHidden: p.numHidden,
    replica: model.replica,
    status: model.status,
    seeds: { base: seed, model: modelSeed },
    nullSamples,
    checkpoints: {
      init: reference(initPath, initCkpt),
      trained: reference(trainedPath, trainedCkpt),
    },
    init,
    trained,
    crossings,
    rotation,
    gaussianLimit: gaussianLimitSummary(reciprocal, reportedModes),
    saddle: saddleSummary(
      reciprocal,
      typeof logged === "number" && Number.isFinite(logged) ? logged : null,
      reportedModes,
    ),
    samples: await sampleCrossCheck(p, reciprocal, {
      seed: deriveSeed(modelSeed, 3),
      modes: reportedModes,
      ...options.sampling,
    }),
  };
}

/**
 * Analyzes the models of a run folder one after another and (unless `write: false`) writes
 * `DIR/models/<id>/analysis.json` after each and `DIR/analysis.json` at the end, atomically.
 * Models without a checkpoint are skipped with a reason; unknown ids in `models` are an error.
 *
 * @example Analyze two models of a run
 * ```ts ignore
 * import { analyzeRun } from "./analyze.ts";
 * const run = await analyzeRun("runs/my-run", { models: ["h64-r1", "h64-r2"], seed: 7 });
 * console.log(run.models.map((m) => m.trained.modesAbove4));
 * ```
 */
export async function analyzeRun(
  runDir: string,
  options: AnalyzeRunOptions = {},
): Promise<RunAnalysis> {
  const { seed = DEFAULT_ANALYSIS_SEED, nullSamples = DEFAULT_NULL_SAMPLES, write = true } =
    options;
  checkNullSamples(nullSamples);
  const { config, summary } = await loadRun(runDir);
  const known = new Map(summary.models.map((m) => [m.id, m]));
  const ids = options.models ?? summary.models.map((m) => m.id);
  for (const id of ids) {
    if (!known.has(id)) {
      throw new RangeError(
        `Cannot analyze model ${id} as it is not in this run (models: ${
          [...known.keys()].join(", ")
        }): current value is ${id}`,
      );
    }
  }
  const models: ModelAnalysis[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const [k, id] of ids.entries()) {
    const model = known.get(id)!;
    const start = performance.now();
    if (model.checkpoints.length === 0) {
      const reason = `no checkpoint yet (status ${model.status})`;
      skipped.push({ id, reason });
      options.onModel?.({
        modelId: id,
        index: k + 1,
        count: ids.length,
        seconds: 0,
        analysis: null,
        skipped: reason,
      });
      continue;
    }
    const analysis = await analyzeModel(runDir, config, model, { ...options, seed, nullSamples });
    if (write) await writeJsonAtomic(`${modelFolder(runDir, id)}/analysis.json`, analysis);
    models.push(analysis);
    options.onModel?.({
      modelId: id,
      index: k + 1,
      count: ids.length,
      seconds: (performance.now() - start) / 1000,
      analysis,
      skipped: null,
    });
  }
  const run: RunAnalysis = {
    schemaVersion: ANALYSIS_SCHEMA_VERSION,
    kind: "rbm-landscape-run-analysis",
    seed,
    nullSamples,
    models,
    skipped,
  };
  if (write) await writeJsonAtomic(`${runDir}/analysis.json`, run);
  return run;
}
