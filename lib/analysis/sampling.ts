/**
 * Empirical cross-checks of the Gaussian limit (SCIENCE.md §6–§7) from samples: x = Uᵀv for
 * uniform binary v (must match the exact mean ½ΣU, variance ¼ and Pearson kurtosis 3 − 2ΣU⁴ within
 * sampling error) and for Gibbs samples of the trained model (where condensed modes sit far from the
 * entropic centre ½ΣU: the per-mode amplitude of SCIENCE.md §6, with the saddle x* for reference).
 *
 * @module
 */

import { deriveSeed, Rng } from "../random/mod.ts";
import { type Reciprocal, sampleMoments } from "../reciprocal/mod.ts";
import { initBackend } from "../rbm/backend.ts";
import { initialOptimizerState } from "../rbm/engine.ts";
import type { RbmParameters } from "../rbm/params.ts";
import { createTfjsEngine } from "../rbm/tfjs_engine.ts";
import type { SampleCrossCheck, SampledModeMoments } from "./schema.ts";

/** Default sample sizes: enough for a 5σ check of the mean and quick on 2 cores. */
export const DEFAULT_SAMPLING = {
  uniformSamples: 20000,
  gibbsChains: 500,
  gibbsSteps: 200,
} as const;

/** Options of {@link sampleCrossCheck}. */
export interface SamplingOptions {
  /** Seed of the uniform states and of the Gibbs noise. */
  readonly seed: number;
  /** Number of uniform binary states (default 20000). */
  readonly uniformSamples?: number;
  /** Gibbs chains, started from uniform binary states (default 500). */
  readonly gibbsChains?: number;
  /** Gibbs sweeps per chain (default 200). */
  readonly gibbsSteps?: number;
  /** How many leading paired modes to report (default 4). */
  readonly modes?: number;
}

/** x = Uᵀv restricted to the first `modes` columns of U, for `count` row-major 0/1 states. */
function project(
  r: Reciprocal,
  states: Float32Array,
  count: number,
  modes: number,
): Float64Array[] {
  const n = r.u.rows;
  const out = Array.from({ length: modes }, () => new Float64Array(count));
  for (let s = 0; s < count; s++) {
    for (let j = 0; j < n; j++) {
      if (states[s * n + j] === 0) continue;
      const row = j * r.u.cols;
      for (let i = 0; i < modes; i++) out[i][s] += r.u.data[row + i];
    }
  }
  return out;
}

function uniformStates(count: number, n: number, rng: Rng): Float32Array {
  const states = rng.fillUniform(new Float32Array(count * n));
  for (let i = 0; i < states.length; i++) states[i] = states[i] < 0.5 ? 1 : 0;
  return states;
}

/**
 * Moments of the reciprocal variables xᵢ for uniform binary states (vs the exact values) and for
 * Gibbs samples of the model (vs the entropic centre and the saddle), for the leading modes.
 *
 * @example Cross-check a tiny model
 * ```ts
 * import { sampleCrossCheck } from "./sampling.ts";
 * import { toReciprocal } from "../reciprocal/mod.ts";
 * import { toParams64, gaussianInit } from "../rbm/params.ts";
 * import { Rng } from "../random/mod.ts";
 * const p = gaussianInit(20, 5, new Rng(1));
 * const check = await sampleCrossCheck(p, toReciprocal(toParams64(p)), {
 *   seed: 3, uniformSamples: 2000, gibbsChains: 50, gibbsSteps: 5, modes: 2,
 * });
 * console.assert(check.uniform.modes.every((m) => Math.abs(m.meanZ) < 6));
 * ```
 */
export async function sampleCrossCheck(
  params: RbmParameters,
  r: Reciprocal,
  options: SamplingOptions,
): Promise<SampleCrossCheck> {
  const uniformSamples = options.uniformSamples ?? DEFAULT_SAMPLING.uniformSamples;
  const gibbsChains = options.gibbsChains ?? DEFAULT_SAMPLING.gibbsChains;
  const gibbsSteps = options.gibbsSteps ?? DEFAULT_SAMPLING.gibbsSteps;
  const modes = Math.min(options.modes ?? 4, r.singularValues.length);
  const n = params.numVisible;

  const uniformRng = new Rng(deriveSeed(options.seed, 1));
  const uniform = project(r, uniformStates(uniformSamples, n, uniformRng), uniformSamples, modes);
  const uniformModes = uniform.map((x, i) => {
    const m = sampleMoments(x);
    let sum = 0, fourth = 0;
    for (let j = 0; j < n; j++) {
      const u = r.u.data[j * r.u.cols + i];
      sum += u;
      fourth += u ** 4;
    }
    const exactMean = sum / 2;
    return {
      mode: i,
      mean: m.mean,
      variance: m.variance,
      pearsonKurtosis: m.kurtosis,
      exactMean,
      exactVariance: 0.25,
      exactPearsonKurtosis: 3 - 2 * fourth,
      meanZ: (m.mean - exactMean) / (0.5 / Math.sqrt(uniformSamples)),
    };
  });

  await initBackend("wasm");
  const rule = {
    method: "cd",
    gibbsSteps: 1,
    numChains: gibbsChains,
    weightDecay: 0,
    optimizer: { kind: "sgd", learningRate: 0, momentum: 0 },
  } as const;
  const engine = createTfjsEngine(n, params.numHidden, rule);
  let samples: Float32Array;
  try {
    engine.load({ params, chains: null, optimizer: initialOptimizerState(rule.optimizer, params) });
    const gibbsRng = new Rng(deriveSeed(options.seed, 2));
    const start = uniformStates(gibbsChains, n, gibbsRng);
    samples = engine.sample(start, gibbsChains, gibbsSteps, gibbsRng);
  } finally {
    engine.dispose();
  }
  const gibbs = project(r, samples, gibbsChains, modes);
  const gibbsModes: SampledModeMoments[] = gibbs.map((x, i) => {
    const m = sampleMoments(x);
    const lambda = r.singularValues[i];
    return {
      mode: i,
      singularValue: lambda,
      mean: m.mean,
      variance: m.variance,
      pearsonKurtosis: m.kurtosis,
      entropicCentre: uniformModes[i].exactMean,
      saddleX: lambda > 0 ? -r.hiddenBias0[i] / lambda : null,
    };
  });
  return {
    seed: options.seed,
    uniform: { samples: uniformSamples, modes: uniformModes },
    gibbs: { chains: gibbsChains, steps: gibbsSteps, modes: gibbsModes },
  };
}
