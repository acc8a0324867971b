import { assertAllClose, assertClose, assertThrowsMessage } from "../_testing.ts";
import { fc } from "../deps.ts";
import { matrix, type Matrix64 } from "../linalg/matrix.ts";
import { logAddExp, logSumExp, softplus, sum } from "../numerics/mod.ts";
import { Rng } from "../random/mod.ts";
import {
  energy,
  freeEnergy,
  hiddenFreeEnergy,
  randomParams64,
  type RbmParams64,
} from "./energy64.ts";
import {
  exactGradient,
  exactLogLikelihood,
  exactLogPartition,
  exactModelMoments,
  exactVisibleDistribution,
  MAX_DISTRIBUTION_UNITS,
  MAX_ENUMERATED_UNITS,
  stateFromIndex,
  stateIndex,
} from "./exact.ts";
// 60-digit mpmath reference for a fixed 5×3 model; see ../numerics/testdata/reference_values.py.
import reference from "../numerics/testdata/reference_values.json" with { type: "json" };

/** ln Z by the full double enumeration over (v, h): the definition, with no analytic sum. */
function doubleEnumerationLogPartition(p: RbmParams64): number {
  const { rows: numVisible, cols: numHidden } = p.weights;
  const terms = new Float64Array(2 ** (numVisible + numHidden));
  for (let sv = 0; sv < 2 ** numVisible; sv++) {
    const v = stateFromIndex(sv, numVisible);
    for (let sh = 0; sh < 2 ** numHidden; sh++) {
      terms[sv * 2 ** numHidden + sh] = -energy(p, v, stateFromIndex(sh, numHidden));
    }
  }
  return logSumExp(terms);
}

/** ⟨v⟩, ⟨h⟩, ⟨v hᵀ⟩ by the full double enumeration over (v, h). */
function doubleEnumerationMoments(p: RbmParams64) {
  const { rows: numVisible, cols: numHidden } = p.weights;
  const logPartition = doubleEnumerationLogPartition(p);
  const visibleMean = new Float64Array(numVisible);
  const hiddenMean = new Float64Array(numHidden);
  const cross = new Float64Array(numVisible * numHidden);
  for (let sv = 0; sv < 2 ** numVisible; sv++) {
    const v = stateFromIndex(sv, numVisible);
    for (let sh = 0; sh < 2 ** numHidden; sh++) {
      const h = stateFromIndex(sh, numHidden);
      const prob = Math.exp(-energy(p, v, h) - logPartition);
      for (let i = 0; i < numVisible; i++) visibleMean[i] += prob * v[i];
      for (let j = 0; j < numHidden; j++) hiddenMean[j] += prob * h[j];
      for (let i = 0; i < numVisible; i++) {
        for (let j = 0; j < numHidden; j++) cross[i * numHidden + j] += prob * v[i] * h[j];
      }
    }
  }
  return { visibleMean, hiddenMean, cross };
}

/** The same RBM with the layers swapped: W → Wᵀ, a ↔ b. It has the same Z. */
function transpose(p: RbmParams64): RbmParams64 {
  const { rows, cols, data } = p.weights;
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) t[j * rows + i] = data[i * cols + j];
  }
  return { weights: matrix(cols, rows, t), visibleBias: p.hiddenBias, hiddenBias: p.visibleBias };
}

function randomData(rows: number, numVisible: number, rng: Rng): Matrix64 {
  const data = matrix(rows, numVisible);
  for (let k = 0; k < data.data.length; k++) data.data[k] = rng.nextDouble() < 0.5 ? 0 : 1;
  return data;
}

/** Sizes and seeds, not raw float matrices. */
const smallModel = fc.record({
  numVisible: fc.integer({ min: 1, max: 6 }),
  numHidden: fc.integer({ min: 1, max: 6 }),
  scale: fc.double({ min: 0.01, max: 3, noNaN: true }),
  seed: fc.integer({ min: 0, max: 0xffffffff }),
});

Deno.test("exactLogPartition() equals the double enumeration over (v, h)", async (t) => {
  await t.step("N = 6, M = 4 (hidden layer enumerated)", () => {
    const p = randomParams64(6, 4, 1, new Rng(20250321));
    assertClose(exactLogPartition(p), doubleEnumerationLogPartition(p), { rel: 0, abs: 1e-10 });
  });
  await t.step("N = 4, M = 6 (visible layer enumerated)", () => {
    const p = randomParams64(4, 6, 1, new Rng(20250322));
    assertClose(exactLogPartition(p), doubleEnumerationLogPartition(p), { rel: 0, abs: 1e-10 });
  });
  await t.step("random sizes, scales and seeds", () => {
    fc.assert(
      fc.property(smallModel, ({ numVisible, numHidden, scale, seed }) => {
        const p = randomParams64(numVisible, numHidden, scale, new Rng(seed));
        assertClose(
          exactLogPartition(p),
          doubleEnumerationLogPartition(p),
          { rel: 0, abs: 1e-10 },
          "ln Z",
        );
      }),
      { numRuns: 40 },
    );
  });
});

Deno.test("exactLogPartition() matches a 60-digit mpmath reference", () => {
  const r = reference.rbm;
  const p: RbmParams64 = {
    weights: matrix(r.numVisible, r.numHidden, r.weights),
    visibleBias: Float64Array.from(r.visibleBias),
    hiddenBias: Float64Array.from(r.hiddenBias),
  };
  assertClose(exactLogPartition(p), r.logPartition, { rel: 1e-14, abs: 0 }, "ln Z");
  const data = matrix(r.data.length, r.numVisible, r.data.flat());
  assertClose(
    exactLogLikelihood(p, data),
    r.meanLogLikelihood,
    { rel: 1e-14, abs: 0 },
    "mean ln p(v)",
  );
});

Deno.test("exactLogPartition() has closed forms", async (t) => {
  await t.step("zero parameters: ln Z = (N + M) ln 2", () => {
    for (const [n, m] of [[1, 1], [6, 4], [3, 200], [784, 12], [13, 13]]) {
      const p = {
        weights: matrix(n, m),
        visibleBias: new Float64Array(n),
        hiddenBias: new Float64Array(m),
      };
      // Each ln 2 is one rounding of log1p(1) or of log(2^K): a few ulps of (N + M) ln 2.
      assertClose(exactLogPartition(p), (n + m) * Math.LN2, { rel: 4e-16, abs: 0 }, `${n}×${m}`);
    }
  });
  await t.step("W = 0: ln Z = Σᵢ softplus(aᵢ) + Σⱼ softplus(bⱼ) (K = 16 enumerated)", () => {
    const rng = new Rng(7);
    const p = randomParams64(16, 40, 2, rng);
    p.weights.data.fill(0);
    const expected = sum(Array.from(p.visibleBias, softplus)) +
      sum(Array.from(p.hiddenBias, softplus));
    assertClose(exactLogPartition(p), expected, { rel: 1e-13, abs: 0 }, "ln Z");
  });
  await t.step("one hidden unit: ln Z = logaddexp(Σ softplus(a), b + Σ softplus(a + w))", () => {
    const p = randomParams64(784, 1, 0.3, new Rng(8));
    const w = p.weights.data;
    const off = sum(Array.from(p.visibleBias, softplus));
    const on = p.hiddenBias[0] + sum(Array.from(p.visibleBias, (a, i) => softplus(a + w[i])));
    assertClose(exactLogPartition(p), logAddExp(off, on), { rel: 1e-14, abs: 0 }, "ln Z");
    assertClose(
      exactLogPartition(transpose(p)),
      logAddExp(off, on),
      { rel: 1e-14, abs: 0 },
      "transposed",
    );
  });
});

Deno.test("exactLogPartition() agrees between the two analytic sums (N = 12, M = 14)", () => {
  // exactLogPartition enumerates the 2^12 visible states; here the 2^14 hidden states are summed.
  const p = randomParams64(12, 14, 0.5, new Rng(99));
  const terms = new Float64Array(2 ** 14);
  for (let sh = 0; sh < terms.length; sh++) {
    terms[sh] = -hiddenFreeEnergy(p, stateFromIndex(sh, 14));
  }
  assertClose(exactLogPartition(p), logSumExp(terms), { rel: 1e-13, abs: 0 }, "ln Z");
  assertClose(
    exactLogPartition(transpose(p)),
    logSumExp(terms),
    { rel: 1e-13, abs: 0 },
    "transposed",
  );
});

Deno.test("exactLogLikelihood() is the mean of −F(v) − ln Z", () => {
  fc.assert(
    fc.property(smallModel, fc.integer({ min: 1, max: 8 }), (model, rows) => {
      const rng = new Rng(model.seed);
      const p = randomParams64(model.numVisible, model.numHidden, model.scale, rng);
      const data = randomData(rows, model.numVisible, rng);
      const distribution = exactVisibleDistribution(p);
      let expected = 0;
      for (let r = 0; r < rows; r++) {
        const v = data.data.subarray(r * model.numVisible, (r + 1) * model.numVisible);
        expected += Math.log(distribution[stateIndex(v)]) / rows;
      }
      assertClose(
        exactLogLikelihood(p, data),
        expected,
        { rel: 1e-12, abs: 1e-12 },
        "mean ln p(v)",
      );
    }),
    { numRuns: 30 },
  );
});

Deno.test("exactGradient() equals central finite differences of exactLogLikelihood()", () => {
  // Step 1e-5: truncation O(h²·f''') ≈ 1e-10, rounding O(ε·|f|/h) ≈ 1e-10; tolerance 1e-6.
  const step = 1e-5;
  fc.assert(
    fc.property(
      fc.record({
        numVisible: fc.integer({ min: 1, max: 5 }),
        numHidden: fc.integer({ min: 1, max: 4 }),
        scale: fc.double({ min: 0.05, max: 1.5, noNaN: true }),
        seed: fc.integer({ min: 0, max: 0xffffffff }),
        rows: fc.integer({ min: 1, max: 5 }),
      }),
      ({ numVisible, numHidden, scale, seed, rows }) => {
        const rng = new Rng(seed);
        const p = randomParams64(numVisible, numHidden, scale, rng);
        const data = randomData(rows, numVisible, rng);
        const gradient = exactGradient(p, data);
        const check = (values: Float64Array, analytic: Float64Array, label: string) => {
          for (let k = 0; k < values.length; k++) {
            const saved = values[k];
            values[k] = saved + step;
            const up = exactLogLikelihood(p, data);
            values[k] = saved - step;
            const down = exactLogLikelihood(p, data);
            values[k] = saved;
            assertClose(
              analytic[k],
              (up - down) / (2 * step),
              { rel: 0, abs: 1e-6 },
              `${label}[${k}]`,
            );
          }
        };
        check(p.weights.data, gradient.weights.data, "weights");
        check(p.visibleBias, gradient.visibleBias, "visibleBias");
        check(p.hiddenBias, gradient.hiddenBias, "hiddenBias");
      },
    ),
    { numRuns: 25 },
  );
});

Deno.test("exactGradient() vanishes in the bias directions when data = model law", () => {
  // With W = 0 the model factorizes: p(vᵢ = 1) = σ(aᵢ). A data set whose column means equal σ(aᵢ)
  // exactly (a = logit of a rational) makes ∂/∂a = 0.
  const p = {
    weights: matrix(2, 3),
    visibleBias: new Float64Array([0, Math.log(3)]),
    hiddenBias: new Float64Array(3),
  };
  // Column means: ½ and ¾.
  const data = matrix(4, 2, [0, 1, 1, 1, 0, 1, 1, 0]);
  const g = exactGradient(p, data);
  assertAllClose(g.visibleBias, [0, 0], { rel: 0, abs: 1e-15 }, "∂/∂a");
  assertAllClose(g.hiddenBias, [0, 0, 0], { rel: 0, abs: 1e-15 }, "∂/∂b");
});

Deno.test("exactModelMoments() equals the double enumeration", () => {
  fc.assert(
    fc.property(smallModel, ({ numVisible, numHidden, scale, seed }) => {
      const p = randomParams64(numVisible, numHidden, scale, new Rng(seed));
      const expected = doubleEnumerationMoments(p);
      const moments = exactModelMoments(p);
      assertAllClose(moments.visibleMean, expected.visibleMean, { rel: 1e-12, abs: 1e-14 }, "⟨v⟩");
      assertAllClose(moments.hiddenMean, expected.hiddenMean, { rel: 1e-12, abs: 1e-14 }, "⟨h⟩");
      assertAllClose(
        moments.visibleHiddenMean.data,
        expected.cross,
        { rel: 1e-12, abs: 1e-14 },
        "⟨v hᵀ⟩",
      );
      if (
        moments.visibleHiddenMean.rows !== numVisible ||
        moments.visibleHiddenMean.cols !== numHidden
      ) {
        throw new Error("⟨v hᵀ⟩ must be numVisible×numHidden");
      }
      assertClose(moments.logPartition, exactLogPartition(p), { rel: 0, abs: 0 }, "ln Z");
    }),
    { numRuns: 30 },
  );
});

Deno.test("exactModelMoments() is symmetric under swapping the layers", () => {
  // N = 9, M = 3 enumerates the hidden layer; the transpose enumerates its (3-unit) visible layer.
  const p = randomParams64(9, 3, 0.8, new Rng(31));
  const m = exactModelMoments(p);
  const swapped = exactModelMoments(transpose(p));
  assertAllClose(m.visibleMean, swapped.hiddenMean, { rel: 1e-13, abs: 1e-15 }, "⟨v⟩");
  assertAllClose(m.hiddenMean, swapped.visibleMean, { rel: 1e-13, abs: 1e-15 }, "⟨h⟩");
  assertAllClose(
    m.visibleHiddenMean.data,
    transpose({ ...p, weights: swapped.visibleHiddenMean }).weights.data,
    { rel: 1e-13, abs: 1e-15 },
    "⟨v hᵀ⟩",
  );
});

Deno.test("exactVisibleDistribution() is the normalized marginal e^(−F(v))/Z", () => {
  fc.assert(
    fc.property(smallModel, ({ numVisible, numHidden, scale, seed }) => {
      const p = randomParams64(numVisible, numHidden, scale, new Rng(seed));
      const probability = exactVisibleDistribution(p);
      if (probability.length !== 2 ** numVisible) throw new Error("length must be 2^N");
      assertClose(sum(probability), 1, { rel: 0, abs: 1e-14 }, "Σ p(v)");
      const logPartition = doubleEnumerationLogPartition(p);
      for (let s = 0; s < probability.length; s++) {
        const expected = Math.exp(-freeEnergy(p, stateFromIndex(s, numVisible)) - logPartition);
        assertClose(probability[s], expected, { rel: 1e-12, abs: 0 }, `p(v = #${s})`);
      }
      // Its first moment is the model's ⟨v⟩.
      const mean = new Float64Array(numVisible);
      for (let s = 0; s < probability.length; s++) {
        for (let i = 0; i < numVisible; i++) mean[i] += probability[s] * ((s >>> i) & 1);
      }
      assertAllClose(mean, exactModelMoments(p).visibleMean, { rel: 1e-12, abs: 1e-14 }, "⟨v⟩");
    }),
    { numRuns: 30 },
  );
});

Deno.test("stateIndex() and stateFromIndex() are inverse", async (t) => {
  await t.step("round trip", () => {
    for (let s = 0; s < 2 ** 10; s++) {
      if (stateIndex(stateFromIndex(s, 10)) !== s) throw new Error(`index ${s}`);
    }
    if (stateIndex(stateFromIndex(2 ** 31 - 1, 31)) !== 2 ** 31 - 1) throw new Error("31 units");
    if (stateIndex(new Float64Array([0, 0, 1])) !== 4) throw new Error("Float64Array state");
  });
  await t.step("invalid input", () => {
    assertThrowsMessage(
      () => stateIndex(new Float64Array([0, 0.5])),
      "entry 1 must be 0 or 1: current value is 0.5",
    );
    assertThrowsMessage(() => stateFromIndex(8, 3), "current value is 8");
    assertThrowsMessage(() => stateFromIndex(0, 32), "current value is 32");
  });
});

Deno.test("exact functions reject invalid input with clear errors", async (t) => {
  const p = randomParams64(4, 3, 1, new Rng(1));
  await t.step("a layer too large to enumerate", () => {
    const big = MAX_ENUMERATED_UNITS + 1;
    const q = {
      weights: matrix(big, big),
      visibleBias: new Float64Array(big),
      hiddenBias: new Float64Array(big),
    };
    assertThrowsMessage(
      () => exactLogPartition(q),
      `at most ${MAX_ENUMERATED_UNITS} for exact enumeration: current value is ${big}`,
    );
    const wide = MAX_DISTRIBUTION_UNITS + 1;
    const r = {
      weights: matrix(wide, 1),
      visibleBias: new Float64Array(wide),
      hiddenBias: new Float64Array(1),
    };
    assertThrowsMessage(
      () => exactVisibleDistribution(r),
      `numVisible must be at most ${MAX_DISTRIBUTION_UNITS}: current value is ${wide}`,
    );
  });
  await t.step("non-finite parameters", () => {
    const q = { ...p, hiddenBias: new Float64Array([0, NaN, 0]) };
    assertThrowsMessage(
      () => exactLogPartition(q),
      "p.hiddenBias must be finite: current value is NaN at index 1",
    );
    assertThrowsMessage(() => exactModelMoments(q), "p.hiddenBias must be finite");
  });
  await t.step("bad data", () => {
    assertThrowsMessage(
      () => exactLogLikelihood(p, matrix(2, 3)),
      "data must have numVisible = 4 columns: current value is 3",
    );
    assertThrowsMessage(
      () => exactGradient(p, matrix(0, 4)),
      "data must have at least one row: current value is 0",
    );
    assertThrowsMessage(
      () => exactLogLikelihood(p, matrix(1, 4, [0, 1, 0.5, 1])),
      "data entries must be 0 or 1: current value is 0.5 at row 0, column 2",
    );
  });
  await t.step("inconsistent parameter shapes", () => {
    assertThrowsMessage(
      () => exactLogPartition({ ...p, visibleBias: new Float64Array(2) }),
      "p.visibleBias must have length numVisible = 4",
    );
  });
});
