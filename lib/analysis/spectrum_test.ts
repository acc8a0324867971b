import assert from "node:assert/strict";
import { singularValues } from "../linalg/mod.ts";
import { gaussianMatrix } from "../rmt/marchenko_pastur.ts";
import { Rng } from "../random/mod.ts";
import { analyzeCrossings } from "./crossings.ts";
import { analyzeInitSpectrum, analyzeTrainedSpectrum } from "./spectrum.ts";

const shape = { numRows: 200, numCols: 40 };
const sigma = 0.01;

/** Singular values of a seeded Gaussian 200×40 matrix, optionally plus λ·u vᵀ (unit u, v). */
function spectrum(seed: number, spike = 0): Float64Array {
  const rng = new Rng(seed);
  const w = gaussianMatrix({ ...shape, sigma }, rng);
  if (spike > 0) {
    const u = rng.fillNormal(new Float64Array(shape.numRows));
    const v = rng.fillNormal(new Float64Array(shape.numCols));
    const nu = Math.hypot(...u), nv = Math.hypot(...v);
    for (let i = 0; i < shape.numRows; i++) {
      for (let j = 0; j < shape.numCols; j++) {
        w.data[i * shape.numCols + j] += spike * (u[i] / nu) * (v[j] / nv);
      }
    }
  }
  return singularValues(w);
}

Deno.test("analyzeInitSpectrum() accepts Gaussian inits and flags a rank-one spike", async (t) => {
  await t.step("Gaussian inits: no spikes, σ̂ ≈ σ, p-values mostly above 0.01", () => {
    // Five seeds; each is a false alarm with probability ≈ 1–3% (α = 0.01 spike test with fitted
    // and with known σ, plus the p > 0.01 rule), so allowing one keeps the test honest, not tuned.
    const results = [1, 2, 3, 4, 5].map((seed) =>
      analyzeInitSpectrum(spectrum(seed), shape, sigma, { nullSamples: 40, seed: 100 + seed })
    );
    assert.ok(results.filter((r) => r.mpConsistent).length >= 4);
    for (const r of results) {
      assert.ok(Math.abs(r.sigmaRatio - 1) < 0.1, `σ̂/σ = ${r.sigmaRatio}`);
      assert.ok(r.ks.pValue > 0 && r.ks.pValue <= 1);
      assert.ok(r.ks.naiveIidPValue > 0 && r.ks.naiveIidPValue <= 1);
      assert.equal(r.numValues, 40);
      assert.ok(r.edges.lower < r.edges.upper);
    }
  });

  await t.step("negative control: λ = 10 on top of the bulk is a spike", () => {
    const r = analyzeInitSpectrum(spectrum(1, 10), shape, sigma, { nullSamples: 40, seed: 7 });
    assert.equal(r.spikes.count, 1);
    assert.ok(r.spikesKnownSigma >= 1);
    assert.equal(r.mpConsistent, false);
    assert.ok(Math.abs(r.largestSingularValue - 10) < 0.5);
    // The spike is removed before the fit, so σ̂ is still the bulk's.
    assert.ok(Math.abs(r.sigmaRatio - 1) < 0.1);
    // The known-σ KS uses every value, spike included.
    assert.ok(r.ksDistanceKnownSigma >= 1 / 40 - 1e-12);
  });

  await t.step("the simulation is seeded", () => {
    const a = analyzeInitSpectrum(spectrum(3), shape, sigma, { nullSamples: 10, seed: 9 });
    const b = analyzeInitSpectrum(spectrum(3), shape, sigma, { nullSamples: 10, seed: 9 });
    assert.deepEqual(a, b);
  });

  await t.step("bad inputs are rejected with the house error form", () => {
    assert.throws(
      () => analyzeInitSpectrum(spectrum(1), shape, sigma, { nullSamples: 0, seed: 1 }),
      /Cannot run the MP goodness-of-fit test as .*: current value is 0/,
    );
    assert.throws(
      () => analyzeInitSpectrum(spectrum(1), shape, -1, { nullSamples: 5, seed: 1 }),
      /Cannot check the MP law at init as .*: current value is -1/,
    );
  });
});

Deno.test("analyzeTrainedSpectrum() counts modes above 4 and reports the widened bulk", () => {
  const s = spectrum(4, 0).map((x) => 3 * x);
  s[0] = 12;
  s[1] = 5;
  s[2] = 3.5; // a spike below 4
  const r = analyzeTrainedSpectrum(s, shape, sigma);
  assert.equal(r.modesAbove4, 2);
  assert.equal(r.spikes.count, 3);
  assert.equal(r.spikes.saturated, false);
  assert.ok(Math.abs(r.bulkWidening - 3) < 0.4, `widening ${r.bulkWidening}`);
  assert.equal(r.topSingularValues[0], 12);
  assert.equal(r.topSingularValues.length, 10);
});

Deno.test("analyzeCrossings() lists first updates, order and τ", () => {
  const c = analyzeCrossings([
    { update: 0, values: [0.3, 0.2, 0.1] },
    { update: 10, values: [4.5, 4.2, 0.1] },
    { update: 20, values: [6, 5, 4.1] },
  ])!;
  assert.deepEqual(c.firstUpdate, [10, 10, 20]);
  assert.deepEqual(c.order, [0, 1, 2]);
  assert.equal(c.finalCount, 3);
  assert.equal(c.entries, 3);
  assert.equal(c.loggedTop, 3);
  assert.ok(c.kendallTau !== null && c.kendallTau > 0 && c.kendallTau < 1); // a tie at update 10
  assert.equal(analyzeCrossings([]), null);
});
