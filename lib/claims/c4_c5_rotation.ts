/**
 * C4 and C5: rotational symmetry of W at initialization and its breaking by training
 * (SCIENCE.md §5), judged by one statistic: the authors' Givens rotation JS divergence averaged
 * over 8 rotation draws (ROTATION_DRAWS in statistics.ts), in units of the histogram noise floor
 * (bins − 1)/(4NM). Its threshold is calibrated on Gaussian matrices (fixtures/claims/calibrate.ts).
 *
 * @module
 */

import { fc } from "../deps.ts";
import type { Matrix64 } from "../linalg/mod.ts";
import { Rng } from "../random/mod.ts";
import { gaussianMatrix } from "../rmt/marchenko_pastur.ts";
import { CALIBRATION } from "./calibration.ts";
import type { Claim, LabelledInput, LoadedRun, RunInputs } from "./claim.ts";
import { rotationStatistic } from "./statistics.ts";

/** Input of C4 and C5: a simulated init (optionally with planted structure) or a run's W. */
export interface RotationInput {
  readonly numRows: number;
  readonly numCols: number;
  readonly sigma: number;
  /** Seed of the simulated W (when `weights` is absent) and of the rotation draws. */
  readonly seed: number;
  /**
   * Planted structure: a constant `structure`·σ added to every entry, a rank-one component along
   * the all-ones directions like the negative mean weight of trained RBMs (0: a plain Gaussian
   * init). Sparse outliers would not do: they stretch the histogram range and lower the JS.
   */
  readonly structure: number;
  /** A run's W; when present, nothing is simulated. */
  readonly weights?: Matrix64;
}

/** The threshold on the mean JS/floor ratio (per-evaluation false alarm 0.001 for a Gaussian W). */
export const ROTATION_THRESHOLD = CALIBRATION.rotation.threshold;

function weightsOf(input: RotationInput): Matrix64 {
  if (input.weights !== undefined) return input.weights;
  const { numRows: n, numCols: m, sigma } = input;
  const w = gaussianMatrix({ numRows: n, numCols: m, sigma }, new Rng(input.seed));
  if (input.structure !== 0) {
    for (let k = 0; k < w.data.length; k++) w.data[k] += input.structure * sigma;
  }
  return w;
}

function evaluateRotation(input: RotationInput) {
  const s = rotationStatistic(weightsOf(input), input.seed);
  return { ...s, threshold: ROTATION_THRESHOLD, margin: s.meanRatio / ROTATION_THRESHOLD };
}

const budget = {
  perEvaluation: CALIBRATION.falseAlarm,
  calibration:
    `fixtures/claims/calibrate.ts: mean of ${CALIBRATION.rotation.draws} Givens draws of JS/floor for ${
      CALIBRATION.rotation.shapes[0].replicates
    } Gaussian W per shape (${
      CALIBRATION.rotation.shapes.map((s) => `${s.numRows}×${s.numCols}`).join(", ")
    }); threshold = max over shapes of mean + z(0.999)·sd = ${ROTATION_THRESHOLD.toFixed(4)}`,
};

/** Inputs from a run: the first and last checkpoint of every model with at least two. */
async function runWeights(
  run: LoadedRun,
): Promise<{ init: LabelledInput<RotationInput>[]; trained: LabelledInput<RotationInput>[] }> {
  const init: LabelledInput<RotationInput>[] = [], trained: LabelledInput<RotationInput>[] = [];
  for (const [k, model] of run.summary.models.entries()) {
    if (model.checkpoints.length < 2) continue;
    for (
      const [which, path] of [[init, model.checkpoints[0]], [
        trained,
        model.checkpoints.at(-1)!,
      ]] as const
    ) {
      const c = await run.checkpoint(path);
      which.push({
        label: `${model.id} u${c.update}`,
        input: {
          numRows: c.params.weights.rows,
          numCols: c.params.weights.cols,
          sigma: run.initSigma,
          seed: 1000 + k,
          structure: 0,
          weights: c.params.weights,
        },
      });
    }
  }
  return { init, trained };
}

const NO_MODELS = { skipReason: "no model of the run has two checkpoints (init and trained)" };

/**
 * C4 (statistical): a Gaussian init is rotation invariant: its rotation statistic stays at or
 * below the calibrated threshold. Control: a W with a constant shift of 3σ (rank-one structure).
 */
export const rotationInitClaim: Claim<RotationInput> = {
  id: "C4",
  title:
    "At initialization the rotation Jensen–Shannon divergence of W sits at the null's level (rotational symmetry).",
  source: "SCIENCE.md §5; paper Sec. 4",
  kind: "statistical",
  numRuns: 3,
  headline: ["meanRatio", "threshold", "minRatio", "maxRatio"],
  falseAlarm: budget,
  inputs: fc.record({
    shape: fc.constantFrom(...CALIBRATION.rotation.shapes),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
  }).map(({ shape, seed }) => ({
    numRows: shape.numRows,
    numCols: shape.numCols,
    sigma: CALIBRATION.sigma,
    seed,
    structure: 0,
  })),
  evaluate: evaluateRotation,
  accept: (e) => e.meanRatio <= e.threshold,
  negativeControl: { numRows: 784, numCols: 16, sigma: 0.01, seed: 4, structure: 3 },
  async fromRun(run): Promise<RunInputs<RotationInput>> {
    const { init, trained } = await runWeights(run);
    return init.length === 0 ? NO_MODELS : { inputs: init, negativeControls: trained };
  },
};

/**
 * C5 (statistical): training breaks the symmetry: the rotation statistic of every trained model
 * exceeds the same threshold (so a Gaussian W would pass it with probability ≤ 0.001). Controls:
 * a Gaussian W, and each model's untrained init checkpoint.
 */
export const rotationTrainedClaim: Claim<RotationInput> = {
  id: "C5",
  title:
    "After training the rotation Jensen–Shannon divergence of W is clearly above the null (symmetry broken).",
  source: "SCIENCE.md §5; paper Sec. 4",
  kind: "statistical",
  headline: ["meanRatio", "threshold", "margin"],
  falseAlarm: budget,
  evaluate: evaluateRotation,
  accept: (e) => e.meanRatio > e.threshold,
  negativeControl: { numRows: 784, numCols: 16, sigma: 0.01, seed: 5, structure: 0 },
  async fromRun(run): Promise<RunInputs<RotationInput>> {
    const { init, trained } = await runWeights(run);
    return init.length === 0 ? NO_MODELS : { inputs: trained, negativeControls: init };
  },
};
