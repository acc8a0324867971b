import fixture from "../../fixtures/rmt/divergence.json" with { type: "json" };
import {
  histogram,
  jensenShannonDivergence,
  jensenShannonNoiseFloor,
  klDivergence,
  normalizeCounts,
  uniformBinEdges,
} from "./divergence.ts";
import { fc } from "../deps.ts";
import { deriveSeed, Rng } from "../random/mod.ts";
import { assert, assertClose, assertThrowsMessage } from "../_testing.ts";

// Reference: fixtures/rmt/divergence.json (numpy.histogram, scipy.stats.entropy,
// scipy.spatial.distance.jensenshannon, the authors' div_ in numpy; see fixtures/rmt/README.md).

Deno.test("histogram() reproduces numpy.histogram on the same edges", () => {
  const a = histogram(fixture.valuesA, fixture.edges);
  const b = histogram(fixture.valuesB, fixture.edges);
  assert(Array.from(a.counts).join() === fixture.countsA.join(), "counts A");
  assert(Array.from(b.counts).join() === fixture.countsB.join(), "counts B");
  assert(a.numBelow === 0 && a.numAbove === 0, "A spans its own edges, max included");
  assert(b.numBelow === fixture.belowB && b.numAbove === fixture.aboveB, "outside counts");
  assertThrowsMessage(() => histogram([1], [0, 0]), "strictly increasing");
  assertThrowsMessage(() => histogram([NaN], [0, 1]), "NaN");
});

Deno.test("uniformBinEdges() spans [min, max] exactly", () => {
  const e = uniformBinEdges(-0.3, 0.7, 1000);
  assert(e.length === 1001 && e[0] === -0.3 && e[1000] === 0.7);
  assertThrowsMessage(() => uniformBinEdges(1, 1, 3), "max > min");
});

Deno.test("klDivergence() and jensenShannonDivergence() match scipy and the authors' formula", async (t) => {
  const p = normalizeCounts(fixture.countsA);
  const q = normalizeCounts(fixture.countsB);
  await t.step("ε = 1e-9 (default) on histograms with empty bins, vs the authors' div_", () => {
    assertClose(klDivergence(p, q), fixture.histogramKlEps, { rel: 1e-12 });
    assertClose(jensenShannonDivergence(p, q), fixture.histogramJsEps, { rel: 1e-12 });
  });
  await t.step("ε = 0 vs scipy.stats.entropy and jensenshannon² (natural log)", () => {
    const fp = fixture.fullP, fq = fixture.fullQ;
    assertClose(klDivergence(fp, fq, { epsilon: 0 }), fixture.fullKlScipy, { rel: 1e-13 });
    assertClose(jensenShannonDivergence(fp, fq, { epsilon: 0 }), fixture.fullJsScipy, {
      rel: 1e-12,
    });
    assertClose(klDivergence(fp, fq, { epsilon: 0 }), fixture.fullKlNoEps, { rel: 1e-13 });
  });
  await t.step("KL is infinite when q = 0 < p without smoothing, finite with it", () => {
    assert(klDivergence([0.5, 0.5], [1, 0], { epsilon: 0 }) === Infinity);
    assert(Number.isFinite(klDivergence([0.5, 0.5], [1, 0])));
  });
  await t.step("invalid input", () => {
    assertThrowsMessage(() => klDivergence([0.5, 0.5], [1]), "same non-zero length");
    assertThrowsMessage(() => jensenShannonDivergence([0.6, 0.6], [0.5, 0.5]), "sum to 1");
    assertThrowsMessage(() => jensenShannonDivergence([1], [1], { epsilon: -1 }), "epsilon");
  });
});

Deno.test("jensenShannonDivergence() properties: symmetric, 0 on equal inputs, ≤ ln 2", () => {
  const vec = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 30 })
    .filter((v) => v.reduce((a, b) => a + b, 0) > 1e-6);
  fc.assert(
    fc.property(vec, vec, (a, b) => {
      const n = Math.min(a.length, b.length);
      const p = normalizeCounts(a.slice(0, n));
      const q = normalizeCounts(b.slice(0, n));
      const js = jensenShannonDivergence(p, q, { epsilon: 0 });
      return Math.abs(js - jensenShannonDivergence(q, p, { epsilon: 0 })) < 1e-15 &&
        js >= -1e-15 && js <= Math.LN2 + 1e-15 &&
        jensenShannonDivergence(p, p, { epsilon: 0 }) === 0 &&
        // The authors' smoothing leaves JS(p, p) = Σ p log((2p + 2ε)/(2p + ε)) ≤ ε·n/2.
        jensenShannonDivergence(p, p) <= 1e-9 * n / 2 + 1e-16;
    }),
    { seed: 20250321, numRuns: 200 },
  );
});

Deno.test("jensenShannonNoiseFloor() predicts the JS of two same-law histograms", () => {
  // 100 bins, K = 20000 draws per side, 60 replicate pairs; per-pair relative spread ≈ 14%, mean ≈ 2%.
  const bins = 100, size = 20000, pairs = 60;
  const edges = uniformBinEdges(0, 1, bins);
  let total = 0;
  for (let r = 0; r < pairs; r++) {
    const rng = new Rng(deriveSeed(606, r));
    const a = Float64Array.from({ length: size }, () => rng.nextDouble());
    const b = Float64Array.from({ length: size }, () => rng.nextDouble());
    const p = normalizeCounts(histogram(a, edges).counts);
    const q = normalizeCounts(histogram(b, edges).counts);
    total += jensenShannonDivergence(p, q);
  }
  const floor = jensenShannonNoiseFloor(bins, size, size);
  assertClose(total / pairs, floor, { rel: 0.08 });
  // Negative control: a shifted law sits far above the floor.
  const rng = new Rng(607);
  const a = Float64Array.from({ length: size }, () => rng.nextDouble());
  const b = Float64Array.from({ length: size }, () => Math.min(1, 0.02 + rng.nextDouble()));
  const js = jensenShannonDivergence(
    normalizeCounts(histogram(a, edges).counts),
    normalizeCounts(histogram(b, edges).counts),
  );
  assert(js > 3 * floor, `shifted JS ${js} vs floor ${floor}`);
});
