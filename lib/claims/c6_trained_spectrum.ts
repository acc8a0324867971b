/**
 * C6: the spectrum after training (SCIENCE.md §4, §6).
 *
 * @module
 */

import { fc } from "../deps.ts";
import { type Matrix64, singularValues } from "../linalg/mod.ts";
import { Rng } from "../random/mod.ts";
import { gaussianMatrix } from "../rmt/marchenko_pastur.ts";
import { detectSpikes } from "../rmt/spikes.ts";
import type { FalseAlarmLevel } from "../rmt/tracy_widom.ts";
import type { Claim, LabelledInput } from "./claim.ts";
import { addRankOneSpike } from "./statistics.ts";

/** Input of C6: a simulated "trained" W (Gaussian bulk plus planted modes) or a run's W. */
export interface TrainedSpectrumInput {
  readonly numRows: number;
  readonly numCols: number;
  /** σ of W at init (the bulk's reference scale). */
  readonly initSigma: number;
  readonly seed: number;
  /** Simulated bulk σ as a multiple of initSigma (training widens the bulk). */
  readonly widening: number;
  /** Planted singular values (random orthonormal-ish directions), e.g. [12, 7, 5]. */
  readonly planted: readonly number[];
  /** A run's W; when present, nothing is simulated. */
  readonly weights?: Matrix64;
}

/** The Landau instability at β = 1 (SCIENCE.md §6): modes with λ > 4 have left the stable regime. */
export const INSTABILITY = 4;
/** False-alarm level of the spike test (per matrix, σ fitted). */
export const C6_SPIKE_FALSE_ALARM: FalseAlarmLevel = 0.01;

function weightsOf(input: TrainedSpectrumInput): Matrix64 {
  if (input.weights !== undefined) return input.weights;
  const { numRows: n, numCols: m } = input;
  const rng = new Rng(input.seed);
  const w = gaussianMatrix(
    { numRows: n, numCols: m, sigma: input.widening * input.initSigma },
    rng,
  );
  for (const theta of input.planted) addRankOneSpike(w, theta, rng);
  return w;
}

/**
 * C6 (statistical): after training a few singular values sit far outside the bulk: λ₁ > 4, at
 * least one spike by the step-down Tracy–Widom edge test (σ refitted by the trace of the bulk,
 * α = 0.01 per matrix), and the modes above 4 are a minority (at most half of the L values).
 * Reported, not required: the refitted bulk σ relative to the init σ (`bulkWidening`; training
 * widens the bulk, so the MP law of the init σ no longer describes it) and the number of TW spikes,
 * which for small M reaches the detector's cap ⌊(L − 1)/2⌋ (`spikesAtCap` = 1): there the whole
 * trained spectrum is structured and no refitted MP bulk remains, which is why "few" is judged on
 * the modes above 4. Controls: a Gaussian spectrum and each model's init checkpoint.
 */
export const trainedSpectrumClaim: Claim<TrainedSpectrumInput> = {
  id: "C6",
  title:
    "After training a few singular values leave the Marčenko–Pastur bulk: λ₁ > 4, Tracy–Widom-significant spikes, and the modes above 4 are a minority of the spectrum; the refitted bulk is wider than at init.",
  source: "SCIENCE.md §4, §6; paper Sec. 3",
  kind: "statistical",
  numRuns: 10,
  headline: ["largestSingularValue", "modesAbove4", "numValues", "numSpikes", "bulkWidening"],
  falseAlarm: {
    perEvaluation: C6_SPIKE_FALSE_ALARM,
    calibration:
      "lib/rmt/spikes.ts: step-down TW edge test, measured conservative at α = 0.01 with σ fitted (0.003–0.009 on Gaussian matrices); λ₁ > 4 is deterministic",
  },
  inputs: fc.record({
    numCols: fc.constantFrom(16, 32, 64),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    widening: fc.double({ min: 1, max: 3, noNaN: true }),
    planted: fc.array(fc.double({ min: 6, max: 20, noNaN: true }), { minLength: 1, maxLength: 4 }),
  }).map(({ numCols, seed, widening, planted }) => ({
    numRows: 784,
    numCols,
    initSigma: 0.01,
    seed,
    widening,
    planted,
  })),
  evaluate(input) {
    const values = singularValues(weightsOf(input));
    const shape = { numRows: input.numRows, numCols: input.numCols };
    const spikes = detectSpikes(values, shape, { falseAlarm: C6_SPIKE_FALSE_ALARM });
    return {
      largestSingularValue: values[0],
      modesAbove4: values.filter((x) => x > INSTABILITY).length,
      numSpikes: spikes.numSpikes,
      numValues: values.length,
      bulkSigma: spikes.sigma,
      bulkWidening: spikes.sigma / input.initSigma,
      bulkUpperEdge: spikes.upperEdge,
      spikesAtCap: spikes.numSpikes >= Math.floor((values.length - 1) / 2) ? 1 : 0,
    };
  },
  accept: (e) =>
    e.largestSingularValue > INSTABILITY && e.numSpikes >= 1 && 2 * e.modesAbove4 <= e.numValues,
  negativeControl: {
    numRows: 784,
    numCols: 32,
    initSigma: 0.01,
    seed: 6,
    widening: 1,
    planted: [],
  },
  async fromRun(run) {
    const inputs: LabelledInput<TrainedSpectrumInput>[] = [];
    const negativeControls: LabelledInput<TrainedSpectrumInput>[] = [];
    for (const model of run.summary.models) {
      if (model.checkpoints.length < 2) continue;
      for (
        const [list, path] of [
          [inputs, model.checkpoints.at(-1)!],
          [negativeControls, model.checkpoints[0]],
        ] as const
      ) {
        const c = await run.checkpoint(path);
        list.push({
          label: `${model.id} u${c.update}`,
          input: {
            numRows: c.params.weights.rows,
            numCols: c.params.weights.cols,
            initSigma: run.initSigma,
            seed: 0,
            widening: 1,
            planted: [],
            weights: c.params.weights,
          },
        });
      }
    }
    if (inputs.length === 0) return { skipReason: "no model of the run has two checkpoints" };
    return { inputs, negativeControls };
  },
};
