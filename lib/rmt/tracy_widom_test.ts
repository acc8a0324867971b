import fixture from "../../fixtures/rmt/tracy_widom.json" with { type: "json" };
import {
  type FalseAlarmLevel,
  johnstoneEdgeScaling,
  largestEigenvalueThreshold,
  TRACY_WIDOM_1_UPPER_QUANTILES,
  tracyWidom1UpperQuantile,
} from "./tracy_widom.ts";
import { mpEigenvalueEdges } from "./marchenko_pastur.ts";
import { assert, assertClose, assertThrowsMessage } from "../_testing.ts";

// Reference: fixtures/rmt/tracy_widom.json (Bornemann's quadrature of F1 = det(I − K) with scipy's
// Airy function) and Johnstone (2001) Table 1, copied into the same file.

Deno.test("TRACY_WIDOM_1_UPPER_QUANTILES match the Fredholm-determinant fixture and Johnstone (2001)", async (t) => {
  await t.step("vs fixture (quadrature converged to 1e-13): 1e-12 absolute", () => {
    for (const row of fixture.upperQuantiles) {
      assert(row.convergenceDifference < 1e-12);
      const s = tracyWidom1UpperQuantile(row.falseAlarm as FalseAlarmLevel);
      assertClose(s, row.upperQuantile, { abs: 1e-12 }, `α=${row.falseAlarm}`);
    }
    assert(Object.keys(TRACY_WIDOM_1_UPPER_QUANTILES).length === fixture.upperQuantiles.length);
  });
  await t.step("vs Johnstone (2001) Table 1 to its 4 decimals", () => {
    const { probabilities, quantiles } = fixture.johnstone2001Table1;
    for (const alpha of [0.1, 0.05, 0.01] as const) {
      const i = probabilities.findIndex((p) => Math.abs(p - (1 - alpha)) < 1e-12);
      assertClose(tracyWidom1UpperQuantile(alpha), quantiles[i], { abs: 5e-5 });
    }
  });
  await t.step(
    "the fixture's TW1 cdf reproduces Johnstone's lower percentiles (sanity of F1)",
    () => {
      // F1(−3) ≈ 0.0696 lies between Johnstone's 5% (−3.1804) and 10% (−2.7824) points.
      assert(fixture.cdf[0] > 0.05 && fixture.cdf[0] < 0.1);
    },
  );
  await t.step("untabulated levels are refused", () => {
    assertThrowsMessage(
      () => tracyWidom1UpperQuantile(0.02 as FalseAlarmLevel),
      "current value is 0.02",
    );
  });
});

Deno.test("johnstoneEdgeScaling() follows Johnstone (2001) Theorem 1.1", () => {
  const { center, scale } = johnstoneEdgeScaling({ numRows: 10, numCols: 5 });
  const a = 3, b = Math.sqrt(5); // √(n − 1), √p
  assertClose(center, (a + b) ** 2, { rel: 1e-15 });
  assertClose(scale, (a + b) * Math.cbrt(1 / a + 1 / b), { rel: 1e-15 });
  const wide = johnstoneEdgeScaling({ numRows: 5, numCols: 10 });
  assert(wide.center === center && wide.scale === scale, "orientation-free");
  assertThrowsMessage(() => johnstoneEdgeScaling({ numRows: 1, numCols: 1 }), "at least 2");
});

Deno.test("largestEigenvalueThreshold() sits a TW margin above the MP edge", () => {
  const shape = { numRows: 784, numCols: 500 };
  const edge = mpEigenvalueEdges({ ...shape, sigma: 0.01 }).upper;
  const t01 = largestEigenvalueThreshold(shape, 0.01, 0.01);
  const t05 = largestEigenvalueThreshold(shape, 0.01, 0.05);
  assert(t01 > t05 && t05 > edge, `${t01} ${t05} ${edge}`);
  // Scale covariance: σ → 2σ multiplies the threshold by 4.
  assertClose(largestEigenvalueThreshold(shape, 0.02, 0.01), 4 * t01, { rel: 1e-15 });
  assertThrowsMessage(() => largestEigenvalueThreshold(shape, 0, 0.01), "sigma");
});
