import { bulkKsDistance, mpGoodnessOfFit } from "./goodness_of_fit.ts";
import { gaussianMatrix, mpSingularValueCdf } from "./marchenko_pastur.ts";
import { fitBulkSigma } from "./spikes.ts";
import { singularValues } from "../linalg/svd.ts";
import { ksOneSampleTest } from "../stats/ks.ts";
import { deriveSeed, Rng } from "../random/mod.ts";
import { assert, assertClose, assertThrowsMessage } from "../_testing.ts";

const SHAPE = { numRows: 60, numCols: 40 };
const R = 99;

function spikedSpectrum(seed: number, strengths: number[]): Float64Array {
  const rng = new Rng(seed);
  const w = gaussianMatrix({ ...SHAPE, sigma: 1 }, rng);
  const bbp = Math.pow(SHAPE.numRows * SHAPE.numCols, 0.25);
  // Rank-k spike along the first k coordinate axes (any orthonormal pair works: the law is invariant).
  strengths.forEach((theta, r) => (w.data[r * SHAPE.numCols + r] += theta * bbp));
  return singularValues(w);
}

Deno.test("mpGoodnessOfFit() p-values are calibrated on pure Gaussian spectra", () => {
  // 20 pinned spectra (seeds deriveSeed(8008, s)), null seeds s: count p ≤ 0.05 ~ Binomial(20, 0.05),
  // P(> 4) ≈ 0.003.
  const t0 = performance.now();
  const ps: number[] = [];
  for (let s = 0; s < 20; s++) {
    const values = spikedSpectrum(deriveSeed(8008, s), []);
    ps.push(mpGoodnessOfFit(values, SHAPE, { replicates: R, seed: s }).pValue);
  }
  const ms = (performance.now() - t0) / 20;
  console.log(
    `  60×40, R = ${R}: ${ms.toFixed(0)} ms per test; p = ${ps.map((p) => p.toFixed(2))}`,
  );
  assert(ps.filter((p) => p <= 0.05).length <= 4, `${ps}`);
  assert(ps.filter((p) => p >= 0.5).length >= 5, `p-values not spread: ${ps}`);
});

Deno.test("mpGoodnessOfFit() with spikes: the bulk passes, the whole spectrum fails", async (t) => {
  const values = spikedSpectrum(9009, [2.5, 3.5, 5]);
  await t.step("bulk (spikes removed, default): accepted, 3 spikes, null shape 57×37", () => {
    const r = mpGoodnessOfFit(values, SHAPE, { replicates: R, seed: 1 });
    assert(r.numSpikes === 3 && r.nullShape.numRows === 57 && r.nullShape.numCols === 37);
    assert(r.pValue > 0.05, `p = ${r.pValue} (spectrum seed 9009, null seed 1)`);
  });
  await t.step("all values kept: rejected by the simulated null", () => {
    const r = mpGoodnessOfFit(values, SHAPE, { replicates: R, seed: 1, removeSpikes: false });
    assert(r.numSpikes === 0 && r.pValue <= 0.02, `p = ${r.pValue}`);
  });
  await t.step(
    "while the (invalid) iid KS p-value of the same comparison is far more lenient",
    () => {
      // The SCIENCE.md §4 warning: treating the 40 correlated values as iid hides the misfit.
      const sigma = fitBulkSigma(values, SHAPE, { method: "median" });
      const law = { ...SHAPE, sigma };
      const iid = ksOneSampleTest(values, (x) => mpSingularValueCdf(x, law));
      assert(iid.pValue > 0.05, `iid p = ${iid.pValue}`);
    },
  );
});

Deno.test("mpGoodnessOfFit() rejects non-MP spectra (negative controls)", async (t) => {
  await t.step("column scales ramping 0.5…1.5: p = 1/(R + 1) for 3 pinned seeds", () => {
    for (const seed of [1010, 1011, 1012]) {
      const w = gaussianMatrix({ ...SHAPE, sigma: 1 }, new Rng(seed));
      for (let i = 0; i < w.data.length; i++) w.data[i] *= 0.5 + (i % SHAPE.numCols) / 39;
      const r = mpGoodnessOfFit(singularValues(w), SHAPE, { replicates: R, seed: 2 });
      assert(r.pValue === 1 / (R + 1), `seed ${seed}: p = ${r.pValue}`);
    }
  });
  await t.step("two scales (half the columns ×3): many 'spikes'; capped removal rejects", () => {
    const w = gaussianMatrix({ ...SHAPE, sigma: 1 }, new Rng(1010));
    for (let i = 0; i < w.data.length; i++) if (i % SHAPE.numCols < 20) w.data[i] *= 3;
    const values = singularValues(w);
    const loose = mpGoodnessOfFit(values, SHAPE, { replicates: R, seed: 2 });
    assert(loose.numSpikes >= 10, `the upper group is peeled off: ${loose.numSpikes} spikes`);
    const capped = mpGoodnessOfFit(values, SHAPE, { replicates: R, seed: 2, maxSpikes: 4 });
    assert(capped.numSpikes === 4 && capped.pValue === 1 / (R + 1), `p = ${capped.pValue}`);
  });
  await t.step("a known but wrong σ (×1.15) is rejected", () => {
    const g = gaussianMatrix({ ...SHAPE, sigma: 1 }, new Rng(1013));
    const wrong = mpGoodnessOfFit(singularValues(g), SHAPE, {
      replicates: R,
      seed: 3,
      sigma: 1.15,
    });
    assert(wrong.pValue === 1 / (R + 1), `p = ${wrong.pValue}`);
  });
});

Deno.test("mpGoodnessOfFit() is reproducible and computes p = (1 + #{null ≥ obs})/(R + 1)", () => {
  const values = spikedSpectrum(1111, []);
  const a = mpGoodnessOfFit(values, SHAPE, { replicates: 19, seed: 5 });
  const b = mpGoodnessOfFit(values, SHAPE, { replicates: 19, seed: 5 });
  const c = mpGoodnessOfFit(values, SHAPE, { replicates: 19, seed: 6 });
  assert(a.nullStatistics.join() === b.nullStatistics.join() && a.pValue === b.pValue);
  assert(a.nullStatistics.join() !== c.nullStatistics.join());
  assert(a.nullStatistics.every((v, i) => i === 0 || v >= a.nullStatistics[i - 1]), "sorted");
  const atLeast = a.nullStatistics.filter((d) => d >= a.statistic).length;
  assertClose(a.pValue, (1 + atLeast) / 20, { rel: 1e-15 });
  assertClose(a.statistic, bulkKsDistance(values, SHAPE).distance, { rel: 1e-15 });
  assertThrowsMessage(
    () => mpGoodnessOfFit(values, SHAPE, { replicates: 0, seed: 1 }),
    "replicates",
  );
  assertThrowsMessage(() => mpGoodnessOfFit(values, SHAPE, { replicates: 5, seed: 0.5 }), "seed");
});
