/**
 * C3: Marčenko–Pastur at initialization (SCIENCE.md §4).
 *
 * @module
 */

import { fc } from "../deps.ts";
import { type Matrix64, singularValues } from "../linalg/mod.ts";
import { Rng } from "../random/mod.ts";
import { gaussianMatrix } from "../rmt/marchenko_pastur.ts";
import { CALIBRATION, mpCalibration } from "./calibration.ts";
import type { Claim, LabelledInput } from "./claim.ts";
import { addRankOneSpike, MP_SPIKE_FALSE_ALARM, mpStatistic } from "./statistics.ts";

/** Input of C3: a simulated Gaussian init of a calibrated shape, or a run's weights. */
export interface MarchenkoPasturInput {
  readonly numRows: number;
  readonly numCols: number;
  /** σ of the entries (known at init). */
  readonly sigma: number;
  readonly seed: number;
  /**
   * A rank-one spike added to the simulated W, as a multiple of the upper MP edge (0 for the
   * claim; the control uses 2).
   */
  readonly spike: number;
  /** A run's W (N×M); when present, nothing is simulated. */
  readonly weights?: Matrix64;
}

/** The shapes of C3's arbitrary: M < N, M = N and M > N (each calibrated). */
export const C3_SHAPES = CALIBRATION.mp.shapes.slice(0, 3);

function spiked(input: MarchenkoPasturInput): Matrix64 {
  if (input.weights !== undefined) return input.weights;
  const { numRows: n, numCols: m, sigma } = input;
  const rng = new Rng(input.seed);
  const w = gaussianMatrix({ numRows: n, numCols: m, sigma }, rng);
  if (input.spike > 0) {
    // θ·u vᵀ with u, v random unit vectors, θ = spike × upper edge.
    addRankOneSpike(w, input.spike * sigma * (Math.sqrt(n) + Math.sqrt(m)), rng);
  }
  return w;
}

/**
 * C3 (statistical): the singular values of a Gaussian init follow the MP law of the known σ, for
 * M < N, M = N and M > N. Rule: no spike in the step-down Tracy–Widom edge test (σ known,
 * α = 0.001) and the KS distance to the MP cdf at most the calibrated 0.999 quantile of the same
 * statistic over 4000 simulated Gaussian matrices of that shape (the eigenvalues are correlated,
 * so an iid KS p-value would be wrong). Applied to the init checkpoints of a run (σ from its
 * config); the trained checkpoints are the run's controls.
 */
export const marchenkoPasturClaim: Claim<MarchenkoPasturInput> = {
  id: "C3",
  title:
    "At initialization the singular values of W follow the Marčenko–Pastur law of the init σ (M < N, M = N, M > N): no spike, KS distance within the simulated null.",
  source: "SCIENCE.md §4; paper Sec. 3",
  kind: "statistical",
  numRuns: 12,
  headline: ["ksDistance", "ksThreshold", "numSpikes", "largestOverEdge"],
  falseAlarm: {
    perEvaluation: Math.max(...C3_SHAPES.map((s) => s.validationFalseAlarm)),
    calibration:
      `fixtures/claims/calibrate.ts: KS threshold = 0.999 quantile of ${
        C3_SHAPES[0].replicates
      } simulated spectra per shape; TW spike test α = ${MP_SPIKE_FALSE_ALARM}; the whole rule rejected ` +
      CALIBRATION.mp.shapes.map((s) =>
        `${s.validationRejected}/${s.validationReplicates} (${s.numRows}×${s.numCols})`
      ).join(", ") + " fresh Gaussian matrices",
  },
  inputs: fc.record({
    shape: fc.constantFrom(...C3_SHAPES),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
  }).map(({ shape, seed }) => ({
    numRows: shape.numRows,
    numCols: shape.numCols,
    sigma: CALIBRATION.sigma,
    seed,
    spike: 0,
  })),
  evaluate(input) {
    const calibration = mpCalibration(input.numRows, input.numCols);
    if (calibration === undefined) {
      throw new RangeError(
        `Cannot evaluate C3 as the shape has no calibrated threshold (add it to fixtures/claims/calibrate.ts): current value is ${input.numRows}×${input.numCols}`,
      );
    }
    const s = mpStatistic(
      singularValues(spiked(input)),
      { numRows: input.numRows, numCols: input.numCols },
      input.sigma,
    );
    return { ...s, ksThreshold: calibration.ksThreshold };
  },
  accept: (e) => e.numSpikes === 0 && e.ksDistance <= e.ksThreshold,
  negativeControl: { numRows: 120, numCols: 60, sigma: 0.01, seed: 3, spike: 2 },
  async fromRun(run) {
    const inputs: LabelledInput<MarchenkoPasturInput>[] = [];
    const negativeControls: LabelledInput<MarchenkoPasturInput>[] = [];
    for (const model of run.summary.models) {
      if (model.checkpoints.length < 2) continue;
      const first = await run.checkpoint(model.checkpoints[0]);
      const last = await run.checkpoint(model.checkpoints[model.checkpoints.length - 1]);
      const { rows, cols } = first.params.weights;
      if (mpCalibration(rows, cols) === undefined) {
        return {
          skipReason: `no calibrated C3 threshold for ${rows}×${cols} (calibrated: ${
            CALIBRATION.mp.shapes.map((s) => `${s.numRows}×${s.numCols}`).join(", ")
          })`,
        };
      }
      const base = { numRows: rows, numCols: cols, sigma: run.initSigma, seed: 0, spike: 0 };
      inputs.push({
        label: `${model.id} init u${first.update}`,
        input: { ...base, weights: first.params.weights },
      });
      negativeControls.push({
        label: `${model.id} trained u${last.update}`,
        input: { ...base, weights: last.params.weights },
      });
    }
    if (inputs.length === 0) return { skipReason: "no model of the run has two checkpoints" };
    return { inputs, negativeControls };
  },
};
