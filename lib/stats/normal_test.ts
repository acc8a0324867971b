import fixture from "../../fixtures/rmt/normal.json" with { type: "json" };
import { jStatNormalCdf, jStatNormalPdf, jStatNormalQuantile } from "./jstat.ts";
import {
  normalCdf,
  normalLogPdf,
  normalPdf,
  normalQuantile,
  normalQuantileUpper,
  normalSf,
} from "./normal.ts";
import { assert, assertClose, assertThrowsMessage } from "../_testing.ts";

// Reference: fixtures/rmt/normal.json (scipy.special.ndtr, scipy.stats.norm; see its README).

// The tail probability Φ(−|x|) has condition number ≈ x² with respect to x, so the attainable
// relative accuracy is ≈ x²·ε: 1e-14 for |x| ≤ 10, 2x²·ε beyond.
function tailTolerance(x: number): { rel: number } {
  return { rel: Math.max(1e-14, 2 * x * x * Number.EPSILON) };
}

Deno.test("normalCdf() and normalSf() match scipy to 1e-14 relative, tails included", async (t) => {
  await t.step("cdf", () => {
    fixture.x.forEach((x, i) =>
      assertClose(normalCdf(x), fixture.cdf[i], tailTolerance(x), `x=${x}`)
    );
  });
  await t.step("survival function", () => {
    fixture.x.forEach((x, i) =>
      assertClose(normalSf(x), fixture.sf[i], tailTolerance(x), `x=${x}`)
    );
  });
  await t.step("Φ(−10) = 7.62e-24 where jStat returns 0 (negative control for jStat)", () => {
    assertClose(normalCdf(-10), 7.61985302416047e-24, { rel: 1e-14 });
    assert(jStatNormalCdf(-10, 0, 1) === 0);
  });
  await t.step("location and scale", () => {
    assertClose(normalCdf(3, 1, 2), fixture.cdf[fixture.x.indexOf(1)], { rel: 1e-15 });
    assertClose(normalSf(-19, 1, 2), fixture.sf[fixture.x.indexOf(-10)], { rel: 1e-14 });
  });
});

Deno.test("normalPdf() and normalLogPdf() match scipy", () => {
  fixture.x.forEach((x, i) => {
    assertClose(normalPdf(x), fixture.pdf[i], { rel: 1e-14 }, `pdf x=${x}`);
    assertClose(normalLogPdf(x), fixture.logPdf[i], { rel: 1e-15, abs: 1e-15 }, `log x=${x}`);
  });
  assertClose(normalPdf(1, 1, 0.5), 2 * 0.3989422804014327, { rel: 1e-15 });
});

Deno.test("normalQuantile() and normalQuantileUpper() match scipy ppf/isf", async (t) => {
  await t.step("ppf", () => {
    fixture.p.forEach((p, i) =>
      assertClose(normalQuantile(p), fixture.quantile[i], { rel: 1e-14, abs: 1e-15 }, `p=${p}`)
    );
  });
  await t.step("isf keeps tiny upper probabilities exact", () => {
    fixture.p.forEach((p, i) =>
      assertClose(normalQuantileUpper(p), fixture.upperQuantile[i], { rel: 1e-14, abs: 1e-15 })
    );
  });
  await t.step("round trip Φ(Φ⁻¹(p)) = p", () => {
    // Conditioning: a relative error ε in x moves Φ by ≈ x²ε relative (x ≈ 30 at 1e-200).
    for (const p of [1e-200, 1e-12, 0.01, 0.4, 0.5, 0.77, 0.999999]) {
      assertClose(normalCdf(normalQuantile(p)), p, { rel: 1e-12 });
      assertClose(normalSf(normalQuantileUpper(p)), p, { rel: 1e-12 });
    }
  });
  await t.step("end points and invalid input", () => {
    assert(normalQuantile(0) === -Infinity && normalQuantile(1) === Infinity);
    assertThrowsMessage(() => normalQuantile(1.5), "current value is 1.5");
    assertThrowsMessage(() => normalCdf(0, 0, -1), "standard deviation");
  });
});

Deno.test("jStat wrappers agree with normal.ts in the body of the distribution", () => {
  for (const x of [-3, -1, 0, 0.5, 2]) {
    assertClose(jStatNormalCdf(x, 0, 1), normalCdf(x), { abs: 1e-14 });
    assertClose(jStatNormalPdf(x, 0, 1), normalPdf(x), { rel: 1e-14 });
  }
  assertClose(jStatNormalQuantile(0.975, 0, 1), normalQuantile(0.975), { rel: 1e-9 });
});
