import assert from "node:assert/strict";
import { matrix } from "../linalg/matrix.ts";
import { Rng } from "../random/mod.ts";
import { initBackend } from "./backend.ts";
import { freeEnergy as freeEnergy64, randomParams64, type RbmParams64 } from "./energy64.ts";
import { initialOptimizerState, type UpdateRule } from "./engine.ts";
import { exactGradient } from "./exact.ts";
import type { RbmParameters } from "./params.ts";
import { createTfjsEngine } from "./tfjs_engine.ts";

function toFloat32(p: RbmParams64): RbmParameters {
  return {
    numVisible: p.weights.rows,
    numHidden: p.weights.cols,
    weights: Float32Array.from(p.weights.data),
    visibleBias: Float32Array.from(p.visibleBias),
    hiddenBias: Float32Array.from(p.hiddenBias),
  };
}

/** Params exactly representable in Float32, so the Float64 oracle sees the same model. */
function tinyModel(seed: number, scale: number): RbmParams64 {
  const p = randomParams64(6, 4, scale, new Rng(seed));
  const f = toFloat32(p);
  return {
    weights: matrix(6, 4, Float64Array.from(f.weights)),
    visibleBias: Float64Array.from(f.visibleBias),
    hiddenBias: Float64Array.from(f.hiddenBias),
  };
}

function randomBits(rng: Rng, count: number): Float32Array {
  return Float32Array.from({ length: count }, () => (rng.nextDouble() < 0.5 ? 1 : 0));
}

/** One SGD step with learning rate 1 and no momentum moves θ by exactly the gradient estimate. */
function estimateGradient(
  p: RbmParams64,
  data: Float32Array,
  rows: number,
  chains: Float32Array,
  rule: Omit<UpdateRule, "optimizer" | "weightDecay">,
  rng: Rng,
) {
  const full: UpdateRule = {
    ...rule,
    weightDecay: 0,
    optimizer: { kind: "sgd", learningRate: 1, momentum: 0 },
  };
  const params = toFloat32(p);
  const engine = createTfjsEngine(6, 4, full);
  engine.load({ params, chains, optimizer: initialOptimizerState(full.optimizer, params) });
  engine.update(data, rows, rng);
  const after = engine.snapshot().params;
  engine.dispose();
  const diff = (a: Float32Array, b: ArrayLike<number>) => Float64Array.from(a, (x, i) => x - b[i]);
  return {
    weights: diff(after.weights, p.weights.data),
    visibleBias: diff(after.visibleBias, p.visibleBias),
    hiddenBias: diff(after.hiddenBias, p.hiddenBias),
  };
}

function maxDeviation(estimate: ReturnType<typeof estimateGradient>, exact: RbmParams64): number {
  let worst = 0;
  const pairs: [Float64Array, ArrayLike<number>][] = [
    [estimate.weights, exact.weights.data],
    [estimate.visibleBias, exact.visibleBias],
    [estimate.hiddenBias, exact.hiddenBias],
  ];
  for (const [a, b] of pairs) {
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  }
  return worst;
}

Deno.test("tfjs engine: free energy matches the Float64 formula on a tiny RBM", async () => {
  for (const backend of ["cpu", "wasm"] as const) {
    await initBackend(backend);
    const p = tinyModel(11, 1.0);
    const rng = new Rng(12);
    const v = randomBits(rng, 5 * 6);
    const rule: UpdateRule = {
      method: "cd",
      gibbsSteps: 1,
      numChains: 5,
      weightDecay: 0,
      optimizer: { kind: "sgd", learningRate: 1, momentum: 0 },
    };
    const params = toFloat32(p);
    const engine = createTfjsEngine(6, 4, rule);
    engine.load({ params, chains: null, optimizer: initialOptimizerState(rule.optimizer, params) });
    const got = engine.freeEnergy(v, 5);
    engine.dispose();
    for (let r = 0; r < 5; r++) {
      const expected = freeEnergy64(p, Float64Array.from(v.subarray(r * 6, r * 6 + 6)));
      assert.ok(
        Math.abs(got[r] - expected) < 1e-5 * (1 + Math.abs(expected)),
        `${backend} row ${r}`,
      );
    }
  }
});

// The PCD estimator with many long chains approaches the exact log-likelihood gradient (computed by
// enumeration, lib/rbm/exact.ts). Monte Carlo error per entry ≈ 0.5/√chains ≈ 0.0035 with 20000
// chains; the tolerance 0.025 is ≈ 7σ for the worst of 34 entries (false-alarm budget < 1e-6 per
// run). Negative control: one Gibbs step from all-zero chains is biased and must exceed it.
Deno.test("tfjs engine: PCD gradient with many long chains approaches the exact gradient", async () => {
  await initBackend("wasm");
  const seeds = [101, 202];
  console.log(`pinned seeds: ${seeds.join(", ")}`);
  for (const seed of seeds) {
    const rng = new Rng(seed);
    const p = tinyModel(seed, 1.0);
    const rows = 8;
    const data = randomBits(rng, rows * 6);
    const exact = exactGradient(p, matrix(rows, 6, Float64Array.from(data)));
    const numChains = 20000;
    const mixed = estimateGradient(
      p,
      data,
      rows,
      randomBits(rng, numChains * 6),
      { method: "pcd", gibbsSteps: 50, numChains },
      rng,
    );
    const deviation = maxDeviation(mixed, exact);
    console.log(`seed ${seed}: max |PCD-50 − exact| = ${deviation.toFixed(4)}`);
    assert.ok(deviation < 0.025, `seed ${seed}: max |PCD − exact| = ${deviation}`);
    const biased = estimateGradient(
      p,
      data,
      rows,
      new Float32Array(numChains * 6),
      { method: "pcd", gibbsSteps: 1, numChains },
      rng,
    );
    const biasedDeviation = maxDeviation(biased, exact);
    console.log(
      `seed ${seed}: negative control (1 step from zeros) = ${biasedDeviation.toFixed(4)}`,
    );
    assert.ok(
      biasedDeviation > 0.025,
      `seed ${seed}: negative control deviation ${biasedDeviation}`,
    );
  }
});
