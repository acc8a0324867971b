import assert from "node:assert/strict";
import { UsageError } from "./args.ts";
import {
  DEFAULT_VERIFY_SEED,
  parseVerifyArgs,
  runVerifyCli,
  trainingCacheKey,
  verifyTrainConfig,
} from "./verify.ts";

Deno.test("parseVerifyArgs() reads every flag and rejects bad ones", () => {
  const c = parseVerifyArgs([]);
  assert.equal(c.seed, DEFAULT_VERIFY_SEED);
  assert.equal(c.numRuns, null);
  assert.equal(c.claims.length, 9);
  const d = parseVerifyArgs(["--run", "x", "--seed=-5", "--num-runs", "3", "--only", "C3,C5"]);
  assert.deepEqual(d.claims.map((k) => k.id), ["C3", "C5"]);
  assert.equal(d.run, "x");
  assert.equal(d.seed, -5);
  assert.equal(d.numRuns, 3);
  for (
    const bad of [
      ["--seed", "1.5"],
      ["--num-runs", "-1"],
      ["--only", "C42"],
      ["--only", ","],
      ["--replay", "0:1"],
      ["--run", "x", "--no-train"],
      ["--bogus"],
      ["positional"],
    ]
  ) {
    assert.throws(() => parseVerifyArgs(bad), UsageError, bad.join(" "));
  }
});

Deno.test("trainingCacheKey() is deterministic and depends on the settings", async () => {
  const config = verifyTrainConfig();
  const a = await trainingCacheKey(config);
  assert.match(a, /^[0-9a-f]{12}$/);
  assert.equal(await trainingCacheKey(config), a);
  assert.notEqual(await trainingCacheKey({ ...config, epochs: config.epochs + 1 }), a);
});

Deno.test("runVerifyCli() checks identity claims, writes JSON and Markdown, exits 0", async () => {
  const out = await Deno.makeTempDir();
  try {
    const code = await runVerifyCli(["--only", "C1,C8a", "--num-runs", "3", "--out", out]);
    assert.equal(code, 0);
    const report = JSON.parse(await Deno.readTextFile(`${out}/verify.json`));
    assert.equal(report.overall, "supported");
    assert.deepEqual(report.verdicts.map((v: { id: string }) => v.id), ["C1", "C8a"]);
    const md = await Deno.readTextFile(`${out}/verify.md`);
    assert.match(md, /\| C1 \|.*\*\*supported\*\*/);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("runVerifyCli() skips run claims with --no-train and exits 2 on usage errors", async () => {
  const out = await Deno.makeTempDir();
  try {
    assert.equal(await runVerifyCli(["--only", "C7", "--no-train", "--out", out]), 0);
    const report = JSON.parse(await Deno.readTextFile(`${out}/verify.json`));
    assert.equal(report.verdicts[0].status, "skipped");
    assert.equal(await runVerifyCli(["--only", "C99"]), 2);
    assert.equal(await runVerifyCli(["--run", `${out}/missing`]), 2);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
