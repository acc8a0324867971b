import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { parseTrainArgs, runTrainCli } from "./train.ts";

Deno.test("parseTrainArgs() reads lists and numbers, and rejects bad values naming the flag", () => {
  const cmd = parseTrainArgs(["--hidden", "32,64", "--replicas", "3", "--learning-rate", "0.01"]);
  assert.deepEqual(cmd.overrides.hidden, [32, 64]);
  assert.equal(cmd.overrides.replicas, 3);
  assert.equal(cmd.overrides.learningRate, 0.01);
  assert.throws(() => parseTrainArgs(["--epochs", "two"]), /--epochs as it must be an integer/);
  assert.throws(() => parseTrainArgs(["--hidden", "64,"]), /--hidden as it must be an integer/);
  assert.throws(() => parseTrainArgs(["--frobnicate"]), /Unknown option '--frobnicate'/);
});

Deno.test("runTrainCli() exits 2 with a clear message before any work on bad input", async (t) => {
  const cases: [string[], RegExp][] = [
    [["--hidden", "0"], /--hidden as it must be a positive integer/],
    [["--gibbs-steps", "-1"], /--gibbs-steps as it must be a positive integer/],
    [["--unknown-flag"], /Unknown option/],
    [["--data", "/definitely/not/here"], /--data as the folder does not exist/],
    [
      ["--train-size", "10", "--batch-size", "100"],
      /--train-size as it must be at least the batch size/,
    ],
    [["--preset", "huge"], /preset "huge"/],
    [["--preset", "paper"], /estimated to take over an hour/],
  ];
  for (const [args, message] of cases) {
    await t.step(args.join(" "), async () => {
      const errors: string[] = [];
      const original = console.error;
      const originalLog = console.log;
      console.error = (...parts: unknown[]) => errors.push(parts.join(" "));
      console.log = () => {};
      try {
        assert.equal(await runTrainCli(args), 2);
      } finally {
        console.error = original;
        console.log = originalLog;
      }
      assert.match(errors.join("\n"), message);
    });
  }
});

Deno.test("train CLI: Ctrl-C writes a checkpoint, prints the resume command and exits 130", async () => {
  const work = await Deno.makeTempDir({ prefix: "rbm-sigint-" });
  const script = fileURLToPath(new URL("../../scripts/train.ts", import.meta.url));
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      script,
      "--preset",
      "tiny",
      "--epochs",
      "200",
      "--out",
      `${work}/run`,
    ],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const decoder = new TextDecoder();
  let seen = "";
  const reader = child.stdout.getReader();
  while (!seen.includes("epoch 2/200")) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += decoder.decode(value);
  }
  child.kill("SIGINT");
  reader.releaseLock();
  const [status, stderr] = await Promise.all([
    child.status,
    new Response(child.stderr).text(),
    child.stdout.cancel(),
  ]);
  assert.equal(status.code, 130, stderr);
  assert.match(stderr, /Resume with: deno task train --resume .*run/);
  const summary = JSON.parse(await Deno.readTextFile(`${work}/run/summary.json`));
  assert.equal(summary.models[0].status, "interrupted");
  const last = summary.models[0].checkpoints.at(-1);
  const manifest = JSON.parse(await Deno.readTextFile(`${work}/run/${last}/manifest.json`));
  assert.equal(manifest.update, summary.models[0].updatesDone);
});

Deno.test("runTrainCli() refuses a used --out and a trajectory-changing --resume with exit 2", async () => {
  const work = await Deno.makeTempDir({ prefix: "rbm-cli-refuse-" });
  await Deno.writeTextFile(`${work}/keep.txt`, "x");
  const errors: string[] = [];
  const original = console.error, originalLog = console.log;
  console.error = (...parts: unknown[]) => errors.push(parts.join(" "));
  console.log = () => {};
  try {
    assert.equal(await runTrainCli(["--preset", "tiny", "--out", work]), 2);
    assert.match(errors.join("\n"), /--out .* must be a missing or empty folder.*--resume/);
    const run = `${work}/run`;
    assert.equal(await runTrainCli(["--preset", "tiny", "--hidden", "4", "--out", run]), 0);
    assert.equal(await runTrainCli(["--resume", run, "--batch-size", "25"]), 2);
    assert.match(errors.join("\n"), /Cannot resume as --batch-size would change the trajectory/);
  } finally {
    console.error = original;
    console.log = originalLog;
  }
});
