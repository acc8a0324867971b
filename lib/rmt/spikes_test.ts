import { detectSpikes, fitBulkSigma } from "./spikes.ts";
import { gaussianMatrix, sampleGaussianSingularValues } from "./marchenko_pastur.ts";
import { largestEigenvalueThreshold } from "./tracy_widom.ts";
import { singularValues } from "../linalg/svd.ts";
import type { Matrix64 } from "../linalg/matrix.ts";
import { deriveSeed, Rng } from "../random/mod.ts";
import { assert, assertClose, assertThrowsMessage } from "../_testing.ts";

/** k orthonormal vectors of length n (Gram–Schmidt on Gaussian vectors). */
function orthonormal(n: number, k: number, rng: Rng): Float64Array[] {
  const out: Float64Array[] = [];
  while (out.length < k) {
    const v = Float64Array.from({ length: n }, () => rng.nextNormal());
    for (const u of out) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += u[i] * v[i];
      for (let i = 0; i < n; i++) v[i] -= dot * u[i];
    }
    const norm = Math.hypot(...v);
    out.push(v.map((x) => x / norm));
  }
  return out;
}

/** W += Σ_r θ_r u_r v_rᵀ with random orthonormal u_r, v_r. */
function addSpikes(w: Matrix64, strengths: number[], rng: Rng): void {
  const us = orthonormal(w.rows, strengths.length, rng);
  const vs = orthonormal(w.cols, strengths.length, rng);
  strengths.forEach((theta, r) => {
    for (let i = 0; i < w.rows; i++) {
      for (let j = 0; j < w.cols; j++) w.data[i * w.cols + j] += theta * us[r][i] * vs[r][j];
    }
  });
}

const SHAPE = { numRows: 100, numCols: 64 };
const SIGMA = 0.01;
/** BBP detectability threshold for a rank-one additive spike: θ_c = σ(nm)^{1/4}. */
const BBP = SIGMA * Math.pow(SHAPE.numRows * SHAPE.numCols, 0.25);

Deno.test("detectSpikes() finds a rank-3 spike and nothing else (negative control)", () => {
  const seeds = [1, 2, 3, 4, 5];
  for (const seed of seeds) {
    const rng = new Rng(deriveSeed(3003, seed));
    const w = gaussianMatrix({ ...SHAPE, sigma: SIGMA }, rng);
    addSpikes(w, [2.5 * BBP, 3.5 * BBP, 5 * BBP], rng);
    const found = detectSpikes(singularValues(w), SHAPE);
    assert(
      found.numSpikes === 3 && found.spikes.join() === "0,1,2",
      `seed deriveSeed(3003, ${seed}): ${found.numSpikes} spikes ${found.spikes}`,
    );
    assertClose(found.sigma, SIGMA, { rel: 0.03 });
    assert(found.threshold > found.upperEdge);
  }
});

Deno.test("detectSpikes() stays within the false-alarm budget on pure Gaussian matrices", async (t) => {
  // 400 matrices 60×40, seeds deriveSeed(4004, r), r = 0…399. Under the null the count of matrices
  // with ≥ 1 spike is Binomial(400, ≤ α); bounds below are ≈ 99.9% binomial limits.
  const shape = { numRows: 60, numCols: 40 };
  const replicates = 400;
  const spectra = Array.from(
    { length: replicates },
    (_, r) => sampleGaussianSingularValues({ ...shape, sigma: 1 }, new Rng(deriveSeed(4004, r))),
  );
  const count = (opts: { sigma?: number; falseAlarm: 0.05 | 0.01 }) =>
    spectra.filter((s) => detectSpikes(s, shape, opts).numSpikes > 0).length;
  await t.step("σ fitted, α = 0.05: at most 33 of 400 (conservative: ≈ 3.3% measured)", () => {
    const c = count({ falseAlarm: 0.05 });
    console.log(`  fitted σ, α = 0.05: ${c}/400 false alarms (seeds deriveSeed(4004, 0…399))`);
    assert(c <= 33, `${c}`);
  });
  await t.step("σ fitted, α = 0.01: at most 10 of 400", () => {
    const c = count({ falseAlarm: 0.01 });
    console.log(`  fitted σ, α = 0.01: ${c}/400 false alarms`);
    assert(c <= 10, `${c}`);
  });
  await t.step("σ known, α = 0.05: calibrated, between 8 and 33 of 400", () => {
    const c = count({ sigma: 1, falseAlarm: 0.05 });
    console.log(`  known σ, α = 0.05: ${c}/400 false alarms`);
    assert(c >= 8 && c <= 33, `${c}`);
  });
  await t.step("negative control: a bare-MP-edge detector (no TW margin) breaks the budget", () => {
    let c = 0;
    for (const s of spectra) if (s[0] > Math.sqrt(60) + Math.sqrt(40)) c++;
    console.log(`  bare MP edge: ${c}/400 false alarms`);
    assert(c > 33, `${c}`);
  });
});

Deno.test("detectSpikes() misses sub-BBP spikes and tolerates a pinned paper-size null", async (t) => {
  await t.step("θ = 0.5 θ_BBP is undetectable: ≤ 2 of 20 matrices flag anything", () => {
    let c = 0;
    for (let seed = 0; seed < 20; seed++) {
      const rng = new Rng(deriveSeed(5005, seed));
      const w = gaussianMatrix({ ...SHAPE, sigma: SIGMA }, rng);
      addSpikes(w, [0.5 * BBP], rng);
      if (detectSpikes(singularValues(w), SHAPE).numSpikes > 0) c++;
    }
    assert(c <= 2, `${c}`);
  });
  await t.step("784×500 at σ = 0.01, seed 1: no spike, σ̂ within 0.5%", () => {
    const shape = { numRows: 784, numCols: 500 };
    const t0 = performance.now();
    const s = sampleGaussianSingularValues({ ...shape, sigma: 0.01 }, new Rng(1));
    const found = detectSpikes(s, shape);
    console.log(`  784×500 null (seed 1): ${(performance.now() - t0).toFixed(0)} ms incl. SVD`);
    assert(found.numSpikes === 0, `${found.numSpikes}`);
    assertClose(found.sigma, 0.01, { rel: 0.005 });
  });
});

Deno.test("detectSpikes() reports input indices and the thresholds it used", () => {
  const rng = new Rng(6006);
  const w = gaussianMatrix({ ...SHAPE, sigma: SIGMA }, rng);
  addSpikes(w, [4 * BBP, 6 * BBP], rng);
  const sorted = singularValues(w);
  const shuffled = Float64Array.from(sorted);
  const perm = rng.shuffle(Array.from({ length: shuffled.length }, (_, i) => i));
  perm.forEach((from, to) => (shuffled[to] = sorted[from]));
  const found = detectSpikes(shuffled, SHAPE);
  assert(found.numSpikes === 2);
  assert(shuffled[found.spikes[0]] === sorted[0] && shuffled[found.spikes[1]] === sorted[1]);
  // Final step: bulk of shape 98×62, threshold = √(TW threshold at the fitted σ).
  const expected = largestEigenvalueThreshold({ numRows: 98, numCols: 62 }, found.sigma, 0.01);
  assertClose(found.threshold, Math.sqrt(expected), { rel: 1e-14 });
  assertClose(found.upperEdge, found.sigma * (Math.sqrt(98) + Math.sqrt(62)), { rel: 1e-14 });
  // Known σ is used as given.
  const known = detectSpikes(shuffled, SHAPE, { sigma: SIGMA });
  assert(!known.sigmaFitted && known.sigma === SIGMA && known.numSpikes === 2);
});

Deno.test("fitBulkSigma(): trace and median fits, and why spikes must be left out", () => {
  const shape = { numRows: 300, numCols: 200 };
  const rng = new Rng(7007);
  const w = gaussianMatrix({ ...shape, sigma: SIGMA }, rng);
  const pure = singularValues(w);
  assertClose(fitBulkSigma(pure, shape), SIGMA, { rel: 0.005 });
  assertClose(fitBulkSigma(pure, shape, { method: "median" }), SIGMA, { rel: 0.02 });
  addSpikes(w, [40 * SIGMA * Math.pow(300 * 200, 0.25)], rng);
  const spiked = singularValues(w);
  // Negative control: the trace with the spike left in is biased upwards by far more than 5%.
  assert(fitBulkSigma(spiked, shape) > 1.05 * SIGMA);
  assertClose(fitBulkSigma(spiked, shape, { numSpikes: 1 }), SIGMA, { rel: 0.005 });
  assertClose(fitBulkSigma(spiked, shape, { method: "median" }), SIGMA, { rel: 0.02 });
});

Deno.test("detectSpikes() and fitBulkSigma() validate their inputs", () => {
  assertThrowsMessage(() => detectSpikes([1, 2], SHAPE), "min(N, M) = 64");
  assertThrowsMessage(() => detectSpikes([1, -2], { numRows: 3, numCols: 2 }), "index 1");
  assertThrowsMessage(
    () => detectSpikes([1, 2], { numRows: 3, numCols: 2 }, { sigma: -1 }),
    "sigma",
  );
  assertThrowsMessage(
    () => fitBulkSigma([1, 2], { numRows: 3, numCols: 2 }, { numSpikes: 1 }),
    "spikes",
  );
});
