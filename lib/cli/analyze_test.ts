import assert from "node:assert/strict";
import { resolveConfig } from "../train/config.ts";
import { train } from "../train/train.ts";
import { parseAnalyzeArgs, runAnalyzeCli } from "./analyze.ts";

/** Runs the CLI with console output captured. */
async function capture(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const log = console.log, error = console.error;
  console.log = (...parts: unknown[]) => out.push(parts.join(" "));
  console.error = (...parts: unknown[]) => err.push(parts.join(" "));
  try {
    const code = await runAnalyzeCli(args);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}

Deno.test("parseAnalyzeArgs() reads the run folder and flags, and rejects bad values", () => {
  const cmd = parseAnalyzeArgs(["--seed", "7", "runs/x", "--models", "h64-r1,h64-r2"]);
  assert.equal(cmd.runDir, "runs/x");
  assert.equal(cmd.seed, 7);
  assert.equal(cmd.nullSamples, 199);
  assert.deepEqual(cmd.models, ["h64-r1", "h64-r2"]);
  assert.equal(parseAnalyzeArgs(["--help"]).help, true);
  assert.throws(() => parseAnalyzeArgs(["x", "--null-samples", "0"]), /--null-samples as it must/);
  assert.throws(() => parseAnalyzeArgs(["x", "--null-samples", "2.5"]), /must be an integer/);
  assert.throws(() => parseAnalyzeArgs(["x", "--models", "h64-r1,"]), /--models as it must/);
  assert.throws(() => parseAnalyzeArgs([]), /no run folder was given/);
  assert.throws(() => parseAnalyzeArgs(["a", "b"]), /exactly one run folder/);
  assert.throws(() => parseAnalyzeArgs(["x", "--frobnicate"]), /Unknown option '--frobnicate'/);
});

Deno.test("analyze CLI: --help, exit 2 on bad input, and a full run on a tiny run folder", async (t) => {
  await t.step("--help exits 0", async () => {
    const r = await capture(["--help"]);
    assert.equal(r.code, 0);
    assert.match(r.out, /--null-samples R/);
  });

  const empty = await Deno.makeTempDir({ prefix: "rbm-analyze-cli-" });
  const cases: [string[], RegExp][] = [
    [[`${empty}/missing`], /as the folder does not exist/],
    [[empty], /has no config\.json: current value is missing \(not a run folder\?\)/],
    [[], /no run folder was given/],
    [["x", "--seed", "one"], /--seed as it must be an integer/],
  ];
  for (const [args, message] of cases) {
    await t.step(`exit 2: ${args.join(" ") || "(no arguments)"}`, async () => {
      const r = await capture(args);
      assert.equal(r.code, 2);
      assert.match(r.err, message);
    });
  }

  const runDir = `${empty}/run`;
  await train(resolveConfig("tiny", { hidden: [4], init: "gaussian", backend: "cpu" }), {
    out: runDir,
  });

  await t.step("exit 2: a model that is not in the run", async () => {
    const r = await capture([runDir, "--models", "h5-r1"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /--models as h5-r1 is not a model of this run \(models: h4-r1\)/);
  });

  await t.step("analyzes, prints the seed and the tables, writes the JSON files", async () => {
    const r = await capture([runDir, "--null-samples", "5", "--seed", "3", "--models", "h4-r1"]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /seed 3, 5 simulated matrices per null/);
    assert.match(r.out, /Marčenko–Pastur/);
    assert.match(r.out, /Pearson kurtosis/);
    assert.match(r.out, /training widens the bulk/);
    const run = JSON.parse(await Deno.readTextFile(`${runDir}/analysis.json`));
    assert.equal(run.models[0].modelId, "h4-r1");
    assert.equal(run.seed, 3);
    await Deno.stat(`${runDir}/models/h4-r1/analysis.json`);
  });
});
