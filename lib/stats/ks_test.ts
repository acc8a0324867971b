import fixture from "../../fixtures/rmt/ks.json" with { type: "json" };
import { kstest } from "../deps.ts";
import {
  ksDistance,
  ksOneSamplePValue,
  ksOneSampleTest,
  ksTwoSampleDistance,
  smirnovOneSidedPValue,
} from "./ks.ts";
import { normalCdf } from "./normal.ts";
import { Rng } from "../random/mod.ts";
import { assert, assertClose, assertThrowsMessage } from "../_testing.ts";

// Reference: fixtures/rmt/ks.json (scipy.stats.kstwo, scipy.special.smirnov, scipy's exact
// Durbin/Pomeranz routines, kstest(method="exact"), ks_2samp; see fixtures/rmt/README.md).

interface Point {
  n: number;
  d: number;
  scipySf: number;
  smirnov: number;
  durbinSf?: number;
  pomeranzSf?: number;
}

Deno.test("smirnovOneSidedPValue() matches scipy.special.smirnov to 1e-9 relative", () => {
  for (const p of fixture.points as Point[]) {
    assertClose(smirnovOneSidedPValue(p.d, p.n), p.smirnov, { rel: 1e-9 }, `n=${p.n} d=${p.d}`);
  }
});

Deno.test("ksOneSamplePValue() matches the exact two-sided distribution", async (t) => {
  await t.step("vs scipy's exact Durbin (MTW) and Pomeranz evaluations: 1e-9 relative", () => {
    for (const p of fixture.points as Point[]) {
      const mine = ksOneSamplePValue(p.d, p.n);
      for (const exact of [p.durbinSf, p.pomeranzSf]) {
        if (exact === undefined) continue;
        // Both scipy evaluations form 1 − cdf: allow 1e-14 absolute on top.
        assertClose(mine, exact, { rel: 1e-9, abs: 1e-14 }, `n=${p.n} d=${p.d}`);
      }
    }
  });
  await t.step(
    "vs scipy.stats.kstwo.sf: 2e-6 relative (scipy's Pelz–Good is off by 1.3e-6 at n = 150)",
    () => {
      for (const p of fixture.points as Point[]) {
        assertClose(ksOneSamplePValue(p.d, p.n), p.scipySf, { rel: 2e-6 }, `n=${p.n} d=${p.d}`);
      }
    },
  );
  await t.step("closed forms: n = 1 and the extremes", () => {
    assertClose(ksOneSamplePValue(0.7, 1), 0.6, { rel: 1e-15 }); // P(D₁ ≥ d) = 2(1 − d), d ≥ ½
    assert(ksOneSamplePValue(0, 10) === 1 && ksOneSamplePValue(1, 10) === 0);
    assert(ksOneSamplePValue(0.04, 10) === 1); // nd ≤ ½
  });
  await t.step("monotone in d (a broken Durbin matrix would wiggle)", () => {
    for (const n of [7, 60, 400]) {
      let prev = 1;
      for (let d = 0.005; d < 0.6; d += 0.005) {
        const p = ksOneSamplePValue(d, n);
        assert(p <= prev + 1e-12, `n=${n} d=${d}: ${p} > ${prev}`);
        prev = p;
      }
    }
  });
  await t.step("invalid input", () => {
    assertThrowsMessage(() => ksOneSamplePValue(0.1, 0), "current value is 0");
    assertThrowsMessage(() => ksOneSamplePValue(NaN, 5), "NaN");
  });
});

Deno.test("ksOneSampleTest() reproduces scipy.stats.kstest(method='exact')", () => {
  for (const s of fixture.oneSample) {
    const r = ksOneSampleTest(s.sample, (x) => normalCdf(x, s.nullMean, s.nullStandardDeviation));
    assertClose(r.statistic, s.statistic, { rel: 1e-13 });
    assertClose(r.pValue, s.pValue, { rel: 1e-6, abs: 1e-14 });
    assert(r.sampleSize === s.sample.length);
  }
});

Deno.test("ksOneSampleTest() agrees with @stdlib/stats-kstest where the latter is exact", () => {
  const rng = new Rng(2024);
  for (const n of [8, 25, 60]) {
    const x = Array.from({ length: n }, () => rng.nextDouble());
    const mine = ksOneSampleTest(x, (v) => v);
    const theirs = kstest(x, "uniform", 0, 1) as { statistic: number; pValue: number };
    assertClose(mine.statistic, theirs.statistic, { rel: 1e-14 });
    assertClose(mine.pValue, theirs.pValue, { abs: 1e-10 });
  }
});

Deno.test("ksOneSampleTest() rejects a shifted sample (negative control)", () => {
  const rng = new Rng(99);
  const x = Array.from({ length: 400 }, () => 0.3 + rng.nextNormal());
  const r = ksOneSampleTest(x, (v) => normalCdf(v));
  assert(r.pValue < 1e-4, `p = ${r.pValue}`);
});

Deno.test("ksDistance() validates its inputs", () => {
  assertThrowsMessage(() => ksDistance([], (x) => x), "sample is empty");
  assertThrowsMessage(() => ksDistance([1, NaN], (x) => x), "index 1");
  assertThrowsMessage(() => ksDistance([0.5], () => 2), "in [0, 1]");
});

Deno.test("ksTwoSampleDistance() matches scipy.stats.ks_2samp, ties included", () => {
  for (const s of fixture.twoSample) {
    assertClose(ksTwoSampleDistance(s.a, s.b), s.statistic, { rel: 1e-14 });
    assertClose(ksTwoSampleDistance(s.b, s.a), s.statistic, { rel: 1e-14 });
  }
  assert(ksTwoSampleDistance([1, 2, 3], [1, 2, 3]) === 0);
});
