import assert from "node:assert/strict";
import { Rng } from "../random/mod.ts";
import { gaussianInit, toParams64 } from "../rbm/params.ts";
import { toReciprocal } from "../reciprocal/mod.ts";
import { sampleCrossCheck } from "./sampling.ts";

// Uniform states must reproduce the exact moments: |z| of each mean < 5 (false-alarm budget
// ≈ 6e-7 per mode; pinned seed 11), variance within 0.02 of ¼ and kurtosis within 0.3 of
// 3 − 2ΣU⁴ at 20000 samples (≈ 5 and 4 standard errors). Negative control: Gibbs samples of a
// model with one strong mode (λ ≈ 12, a condensed mode) are not uniform, and their mean amplitude
// on that mode must sit far (> 20 uniform standard errors) from the entropic centre ½ΣU.
Deno.test("sampleCrossCheck(): uniform states match the exact moments; a condensed mode does not", async () => {
  const rng = new Rng(5);
  const p = gaussianInit(40, 6, rng, 0.05);
  const weak = await sampleCrossCheck(p, toReciprocal(toParams64(p)), {
    seed: 11,
    modes: 3,
    gibbsChains: 200,
    gibbsSteps: 20,
  });
  for (const m of weak.uniform.modes) {
    assert.ok(Math.abs(m.meanZ) < 5, `mode ${m.mode}: z = ${m.meanZ}`);
    assert.ok(Math.abs(m.variance - 0.25) < 0.02, `mode ${m.mode}: variance ${m.variance}`);
    assert.ok(
      Math.abs(m.pearsonKurtosis - m.exactPearsonKurtosis) < 0.3,
      `mode ${m.mode}: kurtosis`,
    );
  }

  // One strong rank-one mode: W += 12·u vᵀ with u, v unit vectors of constant sign.
  const strong = { ...p, weights: p.weights.slice() };
  for (let i = 0; i < 40; i++) {
    for (let j = 0; j < 6; j++) strong.weights[i * 6 + j] += 12 / Math.sqrt(40 * 6);
  }
  const condensed = await sampleCrossCheck(strong, toReciprocal(toParams64(strong)), {
    seed: 11,
    modes: 1,
    gibbsChains: 200,
    gibbsSteps: 20,
  });
  const g = condensed.gibbs.modes[0];
  const standardError = 0.5 / Math.sqrt(condensed.gibbs.chains);
  assert.ok(g.singularValue > 10);
  assert.ok(
    Math.abs(g.mean - g.entropicCentre) > 20 * standardError,
    `condensed mode: ⟨x⟩ = ${g.mean}, centre ${g.entropicCentre}`,
  );
});
