import assert from "node:assert/strict";
import { tf } from "../deps.ts";
import { loadCheckpoint } from "../rbm/checkpoint.ts";
import { resolveConfig, type TrainOverrides } from "./config.ts";
import { readNdjson } from "./run_folder.ts";
import { type EpochMetrics, train } from "./train.ts";

async function tempRun(): Promise<string> {
  return `${await Deno.makeTempDir({ prefix: "rbm-train-test-" })}/run`;
}

function tiny(overrides: TrainOverrides = {}) {
  return resolveConfig("tiny", { hidden: [8], backend: "cpu", ...overrides });
}

async function finalWeights(runDir: string, id: string): Promise<Float32Array> {
  const s = JSON.parse(await Deno.readTextFile(`${runDir}/summary.json`));
  const entry = s.models.find((m: { id: string }) => m.id === id);
  const ckpt = await loadCheckpoint(`${runDir}/${entry.checkpoints.at(-1)}`);
  return ckpt.state.params.weights;
}

Deno.test("train() is reproducible: same seed → identical parameters, other seed → different", async () => {
  const a = await tempRun(), b = await tempRun(), c = await tempRun();
  await train(tiny(), { out: a });
  await train(tiny(), { out: b });
  await train(tiny({ seed: 7 }), { out: c });
  const wa = await finalWeights(a, "h8-r1");
  assert.deepEqual(wa, await finalWeights(b, "h8-r1"));
  assert.notDeepEqual(wa, await finalWeights(c, "h8-r1"));
});

Deno.test("train() model seeds depend on (seed, hidden, replica), not on the grid position", async () => {
  const alone = await tempRun(), grid = await tempRun();
  await train(tiny({ hidden: [8] }), { out: alone });
  await train(tiny({ hidden: [4, 8] }), { out: grid });
  assert.deepEqual(await finalWeights(alone, "h8-r1"), await finalWeights(grid, "h8-r1"));
});

Deno.test("train() resumed after an interruption equals an uninterrupted run bit for bit", async () => {
  const config = tiny({ epochs: 3 });
  const straight = await tempRun();
  await train(config, { out: straight });

  const broken = await tempRun();
  const controller = new AbortController();
  const first = await train(config, {
    out: broken,
    signal: controller.signal,
    onProgress: (e) => {
      if (e.update === 13) controller.abort(); // mid-epoch 2 (10 updates per epoch)
    },
  });
  assert.equal(first.interrupted, true);
  const interruptedAt = JSON.parse(await Deno.readTextFile(`${broken}/summary.json`)).models[0];
  assert.equal(interruptedAt.status, "interrupted");
  assert.equal(interruptedAt.updatesDone, 13);
  const resumed = await train(config, { out: broken, resume: true });
  assert.equal(resumed.interrupted, false);
  assert.deepEqual(await finalWeights(broken, "h8-r1"), await finalWeights(straight, "h8-r1"));
  const m1 = await readNdjson<EpochMetrics>(`${straight}/models/h8-r1/metrics.ndjson`);
  const m2 = await readNdjson<EpochMetrics>(`${broken}/models/h8-r1/metrics.ndjson`);
  assert.deepEqual(m2.map((m) => m.update), m1.map((m) => m.update));
  assert.deepEqual(m2.map((m) => m.topSingularValues), m1.map((m) => m.topSingularValues));
  const s1 = await readNdjson(`${straight}/models/h8-r1/spectrum.ndjson`);
  const s2 = await readNdjson(`${broken}/models/h8-r1/spectrum.ndjson`);
  assert.deepEqual(s2, s1);
});

Deno.test("train() resume refuses a change that would alter the trajectory, and more epochs continue", async () => {
  const dir = await tempRun();
  await train(tiny(), { out: dir });
  await assert.rejects(
    () => train(tiny({ batchSize: 25 }), { out: dir, resume: true }),
    /Cannot resume as --batch-size would change the trajectory/,
  );
  const more = await train(tiny({ epochs: 2 }), { out: dir, resume: true });
  assert.equal(more.summary.models[0].epochsDone, 2);
  assert.equal(more.summary.models[0].updatesDone, 20);
});

Deno.test("train() refuses a non-empty run folder", async () => {
  const dir = await tempRun();
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(`${dir}/keep.txt`, "precious");
  await assert.rejects(() => train(tiny(), { out: dir }), /must be missing or empty/);
  assert.equal(await Deno.readTextFile(`${dir}/keep.txt`), "precious");
});

Deno.test("train() lowers the reconstruction error on real MNIST and keeps tfjs tensors flat", async () => {
  const dir = await tempRun();
  const counts: number[] = [];
  const config = tiny({
    epochs: 3,
    hidden: [16],
    backend: "wasm",
    trainSize: 3000,
    learningRate: 0.01,
  });
  await train(config, {
    out: dir,
    onProgress: (e) => {
      if (e.kind === "epoch") counts.push(tf.memory().numTensors);
    },
  });
  assert.equal(counts.length, 3);
  assert.ok(counts.every((n) => n === counts[0]), `tensor counts per epoch: ${counts}`);
  const metrics = await readNdjson<EpochMetrics>(`${dir}/models/h16-r1/metrics.ndjson`);
  assert.deepEqual(metrics.map((m) => m.epoch), [0, 1, 2, 3]);
  assert.ok(
    metrics[3].reconstructionError < 0.9 * metrics[0].reconstructionError,
    `reconstruction error ${metrics[0].reconstructionError} → ${metrics[3].reconstructionError}`,
  );
});

Deno.test("train() marks a model with non-finite parameters failed, keeps its checkpoint, runs the others", async () => {
  const dir = await tempRun();
  const result = await train(tiny({ hidden: [4, 8], learningRate: 1e300 }), { out: dir });
  for (const m of result.summary.models) {
    assert.equal(m.status, "failed");
    assert.match(m.reason!, /non-finite parameters at epoch 1, update 1/);
    assert.deepEqual(m.checkpoints, [`models/${m.id}/checkpoints/u00000000`]);
    const ckpt = await loadCheckpoint(`${dir}/${m.checkpoints[0]}`);
    assert.ok(ckpt.state.params.weights.every(Number.isFinite));
  }
});

Deno.test("train() with 2 workers gives the same models and summary as in one thread", async () => {
  const one = await tempRun(), two = await tempRun();
  const config = tiny({ hidden: [4, 8], epochs: 2 });
  await train(config, { out: one });
  const result = await train(config, { out: two, workers: 2 });
  for (const id of ["h4-r1", "h8-r1"]) {
    assert.deepEqual(await finalWeights(two, id), await finalWeights(one, id));
    assert.deepEqual(
      await readNdjson(`${two}/models/${id}/spectrum.ndjson`),
      await readNdjson(`${one}/models/${id}/spectrum.ndjson`),
    );
  }
  const strip = (s: { models: unknown[] }) => JSON.stringify(s.models);
  const summaryOne = JSON.parse(await Deno.readTextFile(`${one}/summary.json`));
  assert.equal(strip(result.summary), strip(summaryOne));
  assert.equal(JSON.parse(await Deno.readTextFile(`${two}/summary.json`)).models[1].status, "done");
});

Deno.test("train() with 2 workers: an abort checkpoints both models, and the resumed run is exact", async () => {
  const config = tiny({ hidden: [4, 8], epochs: 3 });
  const straight = await tempRun();
  await train(config, { out: straight });
  const broken = await tempRun();
  const controller = new AbortController();
  const first = await train(config, {
    out: broken,
    workers: 2,
    signal: controller.signal,
    onProgress: (e) => {
      if (e.update === 12) controller.abort();
    },
  });
  assert.equal(first.interrupted, true);
  const statuses = JSON.parse(await Deno.readTextFile(`${broken}/summary.json`)).models.map((
    m: { status: string },
  ) => m.status);
  assert.ok(statuses.includes("interrupted"), `statuses: ${statuses}`);
  await train(config, { out: broken, resume: true, workers: 2 });
  for (const id of ["h4-r1", "h8-r1"]) {
    assert.deepEqual(await finalWeights(broken, id), await finalWeights(straight, id));
  }
});
