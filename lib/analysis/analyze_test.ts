import assert from "node:assert/strict";
import { singularValues } from "../linalg/mod.ts";
import { Rng } from "../random/mod.ts";
import { loadCheckpoint, saveCheckpoint } from "../rbm/checkpoint.ts";
import { resolveConfig } from "../train/config.ts";
import { weightsMatrix } from "../train/spectra.ts";
import { train } from "../train/train.ts";
import { analyzeRun } from "./analyze.ts";
import { formatRunAnalysis } from "./format.ts";
import { ANALYSIS_SCHEMA_VERSION, type ModelAnalysis, type RunAnalysis } from "./schema.ts";

/** A tiny run with the theory init (W, a, b iid N(0, 0.01²)), so MP at init holds exactly. */
async function tinyGaussianRun(): Promise<string> {
  const out = `${await Deno.makeTempDir({ prefix: "rbm-analyze-test-" })}/run`;
  await train(resolveConfig("tiny", { init: "gaussian", backend: "cpu" }), { out });
  return out;
}

/** Replaces W of a checkpoint by W + λ·u vᵀ (unit u, v drawn from `seed`), keeping the rest. */
async function spikeCheckpoint(path: string, lambda: number, seed: number): Promise<void> {
  const ckpt = await loadCheckpoint(path);
  const p = ckpt.state.params;
  const rng = new Rng(seed);
  const u = rng.fillNormal(new Float64Array(p.numVisible));
  const v = rng.fillNormal(new Float64Array(p.numHidden));
  const nu = Math.hypot(...u), nv = Math.hypot(...v);
  const weights = Float32Array.from(p.weights);
  for (let i = 0; i < p.numVisible; i++) {
    for (let j = 0; j < p.numHidden; j++) {
      weights[i * p.numHidden + j] += lambda * (u[i] / nu) * (v[j] / nv);
    }
  }
  const params = { ...p, weights };
  await saveCheckpoint(path, {
    ...ckpt,
    state: { ...ckpt.state, params },
    singularValues: singularValues(weightsMatrix(weights, p.numVisible, p.numHidden)),
  });
}

Deno.test("analyzeRun() on a tiny Gaussian-init run", async (t) => {
  const runDir = await tinyGaussianRun();
  const summary = JSON.parse(await Deno.readTextFile(`${runDir}/summary.json`));
  const id: string = summary.models[0].id;
  const options = { nullSamples: 20, seed: 11 };
  const run = await analyzeRun(runDir, options);

  await t.step("writes versioned per-model and run-level analysis.json", async () => {
    const perModel: ModelAnalysis = JSON.parse(
      await Deno.readTextFile(`${runDir}/models/${id}/analysis.json`),
    );
    const all: RunAnalysis = JSON.parse(await Deno.readTextFile(`${runDir}/analysis.json`));
    assert.equal(perModel.schemaVersion, ANALYSIS_SCHEMA_VERSION);
    assert.equal(perModel.kind, "rbm-landscape-model-analysis");
    assert.equal(all.kind, "rbm-landscape-run-analysis");
    assert.equal(all.seed, 11);
    assert.equal(all.nullSamples, 20);
    assert.deepEqual(all.models[0], perModel);
    assert.deepEqual(JSON.parse(JSON.stringify(run)), all);
    assert.deepEqual(Object.keys(perModel).sort(), [
      "checkpoints",
      "crossings",
      "gaussianLimit",
      "init",
      "kind",
      "modelId",
      "nullSamples",
      "numHidden",
      "numVisible",
      "replica",
      "rotation",
      "saddle",
      "samples",
      "schemaVersion",
      "seeds",
      "status",
      "trained",
    ]);
    assert.equal(perModel.checkpoints.init.update, 0);
    assert.equal(perModel.checkpoints.trained.update, summary.models[0].updatesDone);
    assert.equal(perModel.seeds.base, 11);
  });

  const m = run.models[0];
  await t.step("the init spectrum is MP-consistent with σ = 0.01 and has no spikes", () => {
    assert.equal(m.init.knownSigma, 0.01);
    assert.equal(m.init.spikes.count, 0);
    assert.equal(m.init.spikesKnownSigma, 0);
    assert.ok(Math.abs(m.init.sigmaRatio - 1) < 0.15, `σ̂/σ = ${m.init.sigmaRatio}`);
    assert.equal(m.init.mpConsistent, true);
    assert.ok(m.init.largestSingularValue < m.init.spikes.threshold);
  });

  await t.step(
    "trained spectrum, crossings, rotation, Gaussian limit and saddle are filled",
    () => {
      assert.equal(m.trained.numValues, m.numHidden);
      assert.ok(m.trained.largestSingularValue >= m.trained.topSingularValues[1]);
      assert.ok(m.crossings !== null && m.crossings.entries > 1);
      assert.equal(m.crossings!.firstUpdate.length, m.crossings!.loggedTop);
      assert.equal(m.rotation.null.samples, 20);
      assert.ok(m.rotation.null.quantile95 <= m.rotation.null.max);
      const g = m.gaussianLimit.visible;
      assert.equal(g.dimension, 784);
      assert.equal(g.paired, m.numHidden);
      for (const mode of g.modes) assert.ok(Math.abs(mode.variance - 0.25) < 1e-12);
      assert.ok(Math.abs(g.haarPearsonKurtosis - (3 - 6 / 786)) < 1e-15);
      assert.equal(g.free?.dimension, 784 - m.numHidden);
      assert.ok(m.saddle.loggedTotalEnergy !== null);
      const scale = Math.max(1, Math.abs(m.saddle.totalEnergy));
      assert.ok(Math.abs(m.saddle.totalEnergy - m.saddle.loggedTotalEnergy!) < 1e-6 * scale);
    },
  );

  await t.step(
    "same seed → identical analysis; the table names seed and Pearson kurtosis",
    async () => {
      const again = await analyzeRun(runDir, { ...options, write: false });
      assert.deepEqual(again, run);
      const text = formatRunAnalysis(run);
      assert.match(text, /seed 11/);
      assert.match(text, /Pearson kurtosis/);
      assert.match(text, new RegExp(id));
    },
  );

  await t.step("negative control: a rank-one λ = 10 spike in the init W is flagged", async () => {
    await spikeCheckpoint(`${runDir}/${summary.models[0].checkpoints[0]}`, 10, 3);
    const spiked = (await analyzeRun(runDir, { ...options, write: false })).models[0];
    assert.equal(spiked.init.spikes.count, 1);
    assert.ok(spiked.init.spikesKnownSigma >= 1);
    assert.equal(spiked.init.mpConsistent, false);
    assert.ok(Math.abs(spiked.init.largestSingularValue - 10) < 0.5);
  });

  await t.step("unknown model ids and bad null-sample counts are errors", async () => {
    await assert.rejects(
      () => analyzeRun(runDir, { models: ["h999-r1"], write: false }),
      /Cannot analyze model h999-r1 as it is not in this run .*: current value is h999-r1/,
    );
    await assert.rejects(
      () => analyzeRun(runDir, { nullSamples: 0, write: false }),
      /Cannot analyze as the number of null samples must be a positive integer: current value is 0/,
    );
  });
});
