import fixture from "../../fixtures/rmt/marchenko_pastur.json" with { type: "json" };
import {
  gaussianMatrix,
  type MarchenkoPasturLaw,
  mpEigenvalueCdf,
  mpEigenvalueEdges,
  mpEigenvaluePdf,
  mpEigenvalueQuantile,
  mpSingularValueCdf,
  mpSingularValueEdges,
  mpSingularValuePdf,
  mpSingularValueQuantile,
  sampleGaussianSingularValues,
  sampleMpEigenvaluesIid,
  sampleMpSingularValuesIid,
} from "./marchenko_pastur.ts";
import { ksDistance, ksOneSampleTest } from "../stats/ks.ts";
import { Rng } from "../random/mod.ts";
import { assert, assertClose, assertThrowsMessage } from "../_testing.ts";

// Reference: fixtures/rmt/marchenko_pastur.json: the densities of SCIENCE.md §4 integrated by
// scipy.integrate.quad (see fixtures/rmt/README.md). N = 784, σ = 0.01, M ∈ {64, 500, 784, 1200}.

const lawOf = (c: { numRows: number; numCols: number; sigma: number }): MarchenkoPasturLaw => ({
  numRows: c.numRows,
  numCols: c.numCols,
  sigma: c.sigma,
});

/** ∫ f over [lo, hi] by the substitution x = lo + (hi − lo)(1 − cos θ)/2 and the midpoint rule. */
function integrateEdgeSingular(f: (x: number) => number, lo: number, hi: number, k = 4000) {
  let s = 0;
  for (let i = 0; i < k; i++) {
    const theta = (i + 0.5) * Math.PI / k;
    const x = lo + (hi - lo) * (1 - Math.cos(theta)) / 2;
    s += f(x) * (hi - lo) / 2 * Math.sin(theta) * Math.PI / k;
  }
  return s;
}

Deno.test("mpSingularValueEdges() and mpEigenvalueEdges() give the paper's edges", async (t) => {
  await t.step("SCIENCE.md §4 numbers (4 decimals) for N = 784, σ = 0.01", () => {
    const expected: Record<number, [number, number]> = {
      500: [0.0564, 0.5036],
      784: [0, 0.56],
      1200: [0.0664, 0.6264],
      3000: [0.2677, 0.8277],
    };
    for (const [m, [lo, hi]] of Object.entries(expected)) {
      const e = mpSingularValueEdges({ numRows: 784, numCols: Number(m), sigma: 0.01 });
      assertClose(e.lower, lo, { abs: 5e-5 }, `M=${m} lower`);
      assertClose(e.upper, hi, { abs: 5e-5 }, `M=${m} upper`);
    }
  });
  await t.step("vs fixture, and eigenvalue edges are the squares", () => {
    for (const c of fixture.cases) {
      const law = lawOf(c);
      const s = mpSingularValueEdges(law);
      const e = mpEigenvalueEdges(law);
      assertClose(s.lower, c.singularValueEdges[0], { rel: 1e-14, abs: 1e-16 });
      assertClose(s.upper, c.singularValueEdges[1], { rel: 1e-14 });
      assertClose(e.lower, c.eigenvalueEdges[0], { rel: 1e-14, abs: 1e-16 });
      assertClose(e.upper, c.eigenvalueEdges[1], { rel: 1e-14 });
    }
  });
  await t.step("N×M and M×N have the same law", () => {
    const a = mpSingularValueCdf(0.3, { numRows: 784, numCols: 1200, sigma: 0.01 });
    const b = mpSingularValueCdf(0.3, { numRows: 1200, numCols: 784, sigma: 0.01 });
    assert(a === b);
  });
});

Deno.test("mp*Cdf() is 0 at the lower edge, 1 at the upper edge, and integrates the pdf", async (t) => {
  for (const c of fixture.cases) {
    const law = lawOf(c);
    await t.step(`M = ${c.numCols}`, () => {
      const s = mpSingularValueEdges(law);
      const e = mpEigenvalueEdges(law);
      assert(mpSingularValueCdf(s.lower, law) === 0 && mpSingularValueCdf(s.upper, law) === 1);
      assert(mpEigenvalueCdf(e.lower, law) === 0 && mpEigenvalueCdf(e.upper, law) === 1);
      assert(mpSingularValueCdf(s.upper * 1.01, law) === 1 && mpEigenvalueCdf(-1, law) === 0);
      // Independent quadrature in TypeScript (edge substitution handles √ edges and μ^{-1/2}).
      const sv = integrateEdgeSingular((x) => mpSingularValuePdf(x, law), s.lower, s.upper);
      const ev = integrateEdgeSingular((x) => mpEigenvaluePdf(x, law), e.lower, e.upper);
      assertClose(sv, 1, { abs: 1e-7 }, "singular-value pdf mass"); // midpoint error O(k⁻²)
      assertClose(ev, 1, { abs: 1e-6 }, "eigenvalue pdf mass"); // μ^{-1/2} edge for M = N
      // cdf is the integral of the pdf: check the closed form against quadrature at 3 points.
      for (const f of [0.2, 0.5, 0.8]) {
        const x = s.lower + f * (s.upper - s.lower);
        const partial = integrateEdgeSingular((y) => mpSingularValuePdf(y, law), s.lower, x);
        assertClose(mpSingularValueCdf(x, law), partial, { abs: 1e-6 }, `f=${f}`);
      }
    });
  }
});

Deno.test("mp*Pdf() and mp*Cdf() match scipy quad of the paper's densities", async (t) => {
  for (const c of fixture.cases) {
    const law = lawOf(c);
    await t.step(`M = ${c.numCols}`, () => {
      assertClose(c.singularValuePdfIntegral, 1, { abs: 1e-10 });
      assertClose(c.eigenvaluePdfIntegral, 1, { abs: 1e-8 });
      c.grid.forEach((x, i) => {
        assertClose(mpSingularValuePdf(x, law), c.singularValuePdf[i], { rel: 1e-12 });
        assertClose(mpEigenvaluePdf(x * x, law), c.eigenvaluePdf[i], { rel: 1e-12 });
        // quad was run with epsabs 1e-14, epsrel 1e-13.
        assertClose(mpSingularValueCdf(x, law), c.singularValueCdf[i], { abs: 1e-12 }, `x=${x}`);
        assertClose(mpEigenvalueCdf(x * x, law), c.eigenvalueCdf[i], { abs: 1e-10 }, `x²=${x * x}`);
      });
    });
  }
});

Deno.test("mp*Quantile() inverts the cdf and matches scipy brentq", async (t) => {
  for (const c of fixture.cases) {
    const law = lawOf(c);
    await t.step(`M = ${c.numCols}`, () => {
      c.quantileProbabilities.forEach((p, i) => {
        const q = mpSingularValueQuantile(p, law);
        assertClose(q, c.singularValueQuantiles[i], { rel: 1e-11 }, `p=${p}`);
        assertClose(mpSingularValueCdf(q, law), p, { abs: 1e-13 });
        assertClose(mpEigenvalueQuantile(p, law), q * q, { rel: 1e-14 });
      });
      const e = mpSingularValueEdges(law);
      assert(mpSingularValueQuantile(0, law) === e.lower);
      assert(mpSingularValueQuantile(1, law) === e.upper);
    });
  }
  await t.step("invalid probability", () => {
    assertThrowsMessage(
      () => mpSingularValueQuantile(1.2, lawOf(fixture.cases[0])),
      "current value is 1.2",
    );
  });
});

Deno.test("sampleGaussianSingularValues() follows MP; the iid sampler draws from the same cdf", async (t) => {
  await t.step("392×250 (aspect of 784×500): spectrum within KS 0.02 of MP", () => {
    const law = { numRows: 392, numCols: 250, sigma: 0.01 };
    const t0 = performance.now();
    const s = sampleGaussianSingularValues(law, new Rng(11));
    const ms = performance.now() - t0;
    assert(s.length === 250 && s.every((v, i) => i === 0 || v <= s[i - 1]), "descending");
    const d = ksDistance(s, (x) => mpSingularValueCdf(x, law));
    assert(d < 0.02, `KS distance ${d} (seed 11, ${ms.toFixed(0)} ms)`);
    // Negative control: the same spectrum against the law with σ off by 10%.
    const wrong = { ...law, sigma: 0.011 };
    assert(ksDistance(s, (x) => mpSingularValueCdf(x, wrong)) > 0.05);
  });
  await t.step("iid inverse-cdf draws pass the (valid, iid) exact KS test", () => {
    const law = { numRows: 784, numCols: 784, sigma: 0.01 };
    const draws = sampleMpSingularValuesIid(2000, law, new Rng(12));
    const r = ksOneSampleTest(draws, (x) => mpSingularValueCdf(x, law));
    assert(r.pValue > 0.001, `p = ${r.pValue} (seed 12)`);
    const eig = sampleMpEigenvaluesIid(2000, law, new Rng(12));
    assert(eig.every((v, i) => Math.abs(v - draws[i] * draws[i]) <= 1e-15 * v));
  });
  await t.step("gaussianMatrix() has entries of variance σ²", () => {
    const w = gaussianMatrix({ numRows: 200, numCols: 100, sigma: 0.5 }, new Rng(13));
    let s2 = 0;
    for (const x of w.data) s2 += x * x;
    assertClose(s2 / w.data.length, 0.25, { rel: 0.03 });
  });
  await t.step("invalid laws", () => {
    assertThrowsMessage(() => mpSingularValueEdges({ numRows: 0, numCols: 3, sigma: 1 }), "shape");
    assertThrowsMessage(() => mpEigenvaluePdf(1, { numRows: 3, numCols: 3, sigma: -1 }), "sigma");
    assertThrowsMessage(
      () => sampleMpSingularValuesIid(1.5, { numRows: 3, numCols: 3, sigma: 1 }, new Rng(1)),
      "count",
    );
  });
});
