import fixture from "../../fixtures/rmt/normality.json" with { type: "json" };
import {
  lillieforsNull,
  lillieforsStatistic,
  lillieforsTest,
  moments,
  normalityTestKnownParameters,
  reciprocalGaussianLimit,
} from "./normality.ts";
import { deriveSeed, Rng } from "../random/mod.ts";
import { assert, assertClose, assertThrowsMessage } from "../_testing.ts";

// Reference: fixtures/rmt/normality.json (numpy/scipy moments, exact Fraction variance, numpy
// Monte Carlo of the Lilliefors null; see fixtures/rmt/README.md).

Deno.test("moments() matches numpy/scipy and stays exact under a 1e9 offset", async (t) => {
  await t.step("gamma sample vs numpy var (ddof 0, 1) and scipy kurtosis (Pearson, excess)", () => {
    const m = moments(fixture.sample);
    assert(m.count === fixture.sample.length);
    assertClose(m.mean, fixture.mean, { rel: 1e-14 });
    assertClose(m.populationVariance, fixture.populationVariance, { rel: 1e-13 });
    assertClose(m.sampleVariance, fixture.sampleVariance, { rel: 1e-13 });
    assertClose(m.pearsonKurtosis, fixture.pearsonKurtosis, { rel: 1e-12 });
    assertClose(m.excessKurtosis, fixture.excessKurtosis, { rel: 1e-12 });
  });
  await t.step("offset 1e9: two-pass matches the exact (Fraction) variance", () => {
    const m = moments(fixture.shiftedSample);
    assertClose(m.populationVariance, fixture.shiftedPopulationVariance, { rel: 1e-9 });
    // Negative control: the one-pass E[x²] − E[x]² formula is off by orders of magnitude here.
    let s = 0, s2 = 0;
    for (const x of fixture.shiftedSample) {
      s += x;
      s2 += x * x;
    }
    const n = fixture.shiftedSample.length;
    const naive = s2 / n - (s / n) ** 2;
    assert(Math.abs(naive - fixture.shiftedPopulationVariance) > 0.1, `naive ${naive}`);
  });
  await t.step("degenerate inputs", () => {
    const one = moments([3]);
    assert(one.mean === 3 && Number.isNaN(one.sampleVariance) && Number.isNaN(one.pearsonKurtosis));
    assertThrowsMessage(() => moments([]), "at least 1");
    assertThrowsMessage(() => moments([1, Infinity]), "index 1");
  });
});

Deno.test("lillieforsNull() matches an independent numpy simulation and Stephens (1974)", async (t) => {
  for (const ref of fixture.lilliefors) {
    await t.step(`n = ${ref.n}: 90/95/99% points within Monte Carlo error`, () => {
      const replicates = 4000;
      const nulls = lillieforsNull(ref.n, replicates, 31);
      ref.probabilities.forEach((p, i) => {
        const q = nulls[Math.floor(p * replicates)];
        // Relative MC standard error of a tail quantile with R = 4000 is ≤ 2%; allow 4σ-ish.
        assertClose(q, ref.quantiles[i], { rel: p === 0.99 ? 0.08 : 0.05 }, `p=${p}`);
      });
    });
  }
  await t.step("Stephens' modified statistic: 95% point 0.895, 99% point 1.035 (n = 200)", () => {
    const n = 200;
    const nulls = lillieforsNull(n, 4000, 32);
    const factor = Math.sqrt(n) - 0.01 + 0.85 / Math.sqrt(n);
    assertClose(nulls[Math.floor(0.95 * 4000)] * factor, 0.895, { rel: 0.04 });
    assertClose(nulls[Math.floor(0.99 * 4000)] * factor, 1.035, { rel: 0.06 });
  });
});

Deno.test("lillieforsTest() is calibrated and rejects non-normal samples", async (t) => {
  await t.step("normal samples with arbitrary mean/sd: p-values not concentrated near 0", () => {
    let rejected = 0;
    const seeds: number[] = [];
    for (let s = 0; s < 20; s++) {
      const rng = new Rng(deriveSeed(500, s));
      const x = Array.from({ length: 150 }, () => 1e3 + 7 * rng.nextNormal());
      const r = lillieforsTest(x, { replicates: 199, seed: s });
      seeds.push(s);
      if (r.pValue <= 0.05) rejected++;
    }
    // Binomial(20, 0.05): P(more than 4 rejections) ≈ 0.003.
    assert(rejected <= 4, `rejections ${rejected} with seeds deriveSeed(500, ${seeds})`);
  });
  await t.step("exponential sample (negative control): p = 1/(R + 1)", () => {
    const rng = new Rng(77);
    const x = Array.from({ length: 200 }, () => -Math.log(1 - rng.nextDouble()));
    const r = lillieforsTest(x, { replicates: 199, seed: 3 });
    assert(r.pValue === 1 / 200, `p = ${r.pValue}`);
  });
  await t.step("the estimated-parameter statistic is location-scale invariant", () => {
    const x = [0.3, -1.2, 2.2, 0.9, -0.4, 1.7, 0.05];
    assertClose(lillieforsStatistic(x.map((v) => 5 + 3 * v)), lillieforsStatistic(x), {
      rel: 1e-12,
    });
  });
});

Deno.test("normalityTestKnownParameters() on reciprocal variables x = uᵀv (SCIENCE.md §7)", async (t) => {
  const numVisible = 200;
  const numSamples = 3000;
  const rng = new Rng(2503);
  const samplesOf = (u: Float64Array) => {
    const xs = new Float64Array(numSamples);
    for (let s = 0; s < numSamples; s++) {
      let x = 0;
      for (let j = 0; j < numVisible; j++) if (rng.nextDouble() < 0.5) x += u[j];
      xs[s] = x;
    }
    return xs;
  };
  await t.step("a delocalized unit column passes with mean ½Σu and sd ½", () => {
    const u = Float64Array.from({ length: numVisible }, () => rng.nextNormal());
    const norm = Math.hypot(...u);
    u.forEach((v, i) => (u[i] = v / norm));
    const { mean, standardDeviation } = reciprocalGaussianLimit(u);
    const r = normalityTestKnownParameters(samplesOf(u), mean, standardDeviation);
    assert(r.pValue > 0.01, `p = ${r.pValue} (seed 2503)`);
    // Negative control: the same sample against a wrong standard deviation (1 instead of ½).
    assert(normalityTestKnownParameters(samplesOf(u), mean, 1).pValue < 1e-6);
  });
  await t.step("a localized column (u = e₁, x ∈ {0, 1}) is rejected", () => {
    const u = new Float64Array(numVisible);
    u[0] = 1;
    const { mean, standardDeviation } = reciprocalGaussianLimit(u);
    assert(mean === 0.5 && standardDeviation === 0.5);
    assert(normalityTestKnownParameters(samplesOf(u), mean, standardDeviation).pValue < 1e-6);
  });
  await t.step("invalid parameters", () => {
    assertThrowsMessage(() => reciprocalGaussianLimit([1, 1]), "unit norm");
    assertThrowsMessage(() => normalityTestKnownParameters([1, 2], 0, 0), "standard deviation");
  });
});
