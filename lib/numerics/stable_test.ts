import { assertClose } from "../_testing.ts";
import { fc } from "../deps.ts";
import { logAddExp, logSigmoid, logSumExp, sigmoid, softplus, sum } from "./mod.ts";
// Correctly rounded values from 60-digit mpmath; see ./testdata/reference_values.py.
import reference from "./testdata/reference_values.json" with { type: "json" };

/** Relative 4e-16 (two ulps) with no absolute slack: every reference value is correctly rounded. */
const REL = 4e-16;

Deno.test("softplus() matches 60-digit references in both tails", () => {
  reference.points.forEach((x, k) => {
    assertClose(softplus(x), reference.softplus[k], { rel: REL, abs: 0 }, `softplus(${x})`);
  });
});

Deno.test("softplus() handles the extremes without overflow or loss", async (t) => {
  await t.step("large positive input returns x", () => {
    assertClose(softplus(800), 800, { rel: 0, abs: 0 }, "softplus(800)");
    assertClose(softplus(1e300), 1e300, { rel: 0, abs: 0 }, "softplus(1e300)");
  });
  await t.step("large negative input keeps relative precision of e^x", () => {
    assertClose(softplus(-700), Math.exp(-700), { rel: REL, abs: 0 }, "softplus(-700)");
    assertClose(softplus(-800), 0, { rel: 0, abs: 0 }, "softplus(-800) underflows to 0");
  });
  await t.step("tiny inputs give ln 2", () => {
    assertClose(softplus(1e-20), Math.LN2, { rel: REL, abs: 0 }, "softplus(1e-20)");
    assertClose(softplus(-1e-20), Math.LN2, { rel: REL, abs: 0 }, "softplus(-1e-20)");
  });
  await t.step("infinities and NaN", () => {
    assertClose(softplus(Infinity), Infinity, { rel: 0, abs: 0 }, "softplus(Infinity)");
    assertClose(softplus(-Infinity), 0, { rel: 0, abs: 0 }, "softplus(-Infinity)");
    if (!Number.isNaN(softplus(NaN))) throw new Error("softplus(NaN) must be NaN");
  });
});

Deno.test("logSigmoid() matches 60-digit references in both tails", () => {
  reference.points.forEach((x, k) => {
    assertClose(logSigmoid(x), reference.logSigmoid[k], { rel: REL, abs: 0 }, `logSigmoid(${x})`);
  });
});

Deno.test("sigmoid() matches 60-digit references in both tails", () => {
  reference.points.forEach((x, k) => {
    assertClose(sigmoid(x), reference.sigmoid[k], { rel: REL, abs: 0 }, `sigmoid(${x})`);
  });
  assertClose(sigmoid(Infinity), 1, { rel: 0, abs: 0 }, "sigmoid(Infinity)");
  assertClose(sigmoid(-Infinity), 0, { rel: 0, abs: 0 }, "sigmoid(-Infinity)");
});

Deno.test("sigmoid() and logSigmoid() satisfy their identities", () => {
  fc.assert(
    fc.property(fc.double({ min: -50, max: 50, noNaN: true }), (x) => {
      // σ(x) + σ(−x) = 1 and ln σ(x) − ln σ(−x) = x.
      assertClose(sigmoid(x) + sigmoid(-x), 1, { rel: 2.3e-16, abs: 0 }, `σ(${x}) + σ(−x)`);
      assertClose(
        logSigmoid(x) - logSigmoid(-x),
        x,
        { rel: 1e-15, abs: 1e-15 },
        `ln σ(${x}) − ln σ(−x)`,
      );
      // softplus(x) − softplus(−x) = x.
      assertClose(
        softplus(x) - softplus(-x),
        x,
        { rel: 1e-15, abs: 1e-15 },
        `softplus(${x}) − softplus(−x)`,
      );
    }),
    { numRuns: 50 },
  );
});

Deno.test("logSumExp() matches 60-digit references", () => {
  for (const { values, expected } of reference.logSumExp) {
    assertClose(
      logSumExp(values),
      expected,
      { rel: REL, abs: 0 },
      `logSumExp([${values.slice(0, 4)}…])`,
    );
    assertClose(
      logSumExp(Float64Array.from(values)),
      expected,
      { rel: REL, abs: 0 },
      "Float64Array input",
    );
  }
});

Deno.test("logSumExp() handles edge cases clearly", async (t) => {
  await t.step("empty input is ln 0 = −Infinity", () => {
    assertClose(logSumExp([]), -Infinity, { rel: 0, abs: 0 }, "logSumExp([])");
  });
  await t.step("−Infinity entries are zero terms", () => {
    assertClose(logSumExp([-Infinity, -Infinity]), -Infinity, { rel: 0, abs: 0 }, "all −Infinity");
    assertClose(logSumExp([-Infinity, 2, -Infinity]), 2, { rel: 0, abs: 0 }, "one finite entry");
  });
  await t.step("+Infinity and NaN propagate", () => {
    assertClose(logSumExp([1, Infinity]), Infinity, { rel: 0, abs: 0 }, "with +Infinity");
    if (!Number.isNaN(logSumExp([1, NaN, Infinity]))) throw new Error("NaN must propagate");
  });
  await t.step("shift invariance at ±800", () => {
    const values = [0.3, -1.2, 2.5, 0];
    const base = logSumExp(values);
    for (const shift of [-800, 800, -1e-20, 1e-20]) {
      const shifted = logSumExp(values.map((x) => x + shift));
      assertClose(shifted, base + shift, { rel: 1e-15, abs: 1e-15 }, `shift ${shift}`);
    }
  });
});

Deno.test("logAddExp() matches 60-digit references and logSumExp()", () => {
  for (const { a, b, expected } of reference.logAddExp) {
    assertClose(logAddExp(a, b), expected, { rel: REL, abs: 0 }, `logAddExp(${a}, ${b})`);
    assertClose(logAddExp(b, a), expected, { rel: REL, abs: 0 }, `logAddExp(${b}, ${a})`);
  }
  assertClose(logAddExp(-Infinity, -Infinity), -Infinity, { rel: 0, abs: 0 }, "both −Infinity");
  assertClose(logAddExp(-Infinity, -3), -3, { rel: 0, abs: 0 }, "one −Infinity");
  assertClose(logAddExp(Infinity, Infinity), Infinity, { rel: 0, abs: 0 }, "both +Infinity");
  fc.assert(
    fc.property(
      fc.double({ min: -800, max: 800, noNaN: true }),
      fc.double({ min: -800, max: 800, noNaN: true }),
      (a, b) => {
        assertClose(logAddExp(a, b), logSumExp([a, b]), { rel: 4e-16, abs: 4e-16 }, `(${a}, ${b})`);
      },
    ),
    { numRuns: 50 },
  );
});

Deno.test("sum() compensates cancellation and rounding", async (t) => {
  await t.step("catastrophic cancellation", () => {
    assertClose(sum([1, 1e100, 1, -1e100]), 2, { rel: 0, abs: 0 }, "[1, 1e100, 1, −1e100]");
    assertClose(sum([1e-20, 1, -1]), 1e-20, { rel: 0, abs: 0 }, "[1e-20, 1, −1]");
  });
  await t.step("many small terms", () => {
    // 10⁶ copies of 0.1 (the double nearest 0.1 is 0.1000000000000000055511151231257827…),
    // so the exact sum is 100000.0000000000055511… and rounds to 100000.
    assertClose(
      sum(new Float64Array(1_000_000).fill(0.1)),
      100000,
      { rel: 0, abs: 0 },
      "10⁶ × 0.1",
    );
  });
  await t.step("empty and non-finite inputs", () => {
    assertClose(sum([]), 0, { rel: 0, abs: 0 }, "sum([])");
    assertClose(sum([1, Infinity]), Infinity, { rel: 0, abs: 0 }, "with Infinity");
    if (!Number.isNaN(sum([Infinity, -Infinity]))) throw new Error("Inf − Inf must be NaN");
  });
  await t.step("stays within Neumaier's bound of the exact rational sum", () => {
    // Large terms m·2^e (|m| ≤ 2⁴⁰, e in 0..30) appear with both signs, shuffled among small ones
    // (|m| ≤ 2²⁰, e in −20..0): every term is an exact double, the exact sum is the small terms'
    // (a BigInt scaled by 2⁻²⁰). Neumaier's bound is |ŝ − s| ≤ 2u|s| + O(n u²) Σ|x| (u = 2⁻⁵³);
    // naive summation needs n u Σ|x| and fails this test.
    const term = (maxMantissa: number, minExponent: number, maxExponent: number) =>
      fc.record({
        mantissa: fc.integer({ min: -maxMantissa, max: maxMantissa }),
        exponent: fc.integer({ min: minExponent, max: maxExponent }),
      });
    const terms = fc
      .tuple(
        fc.array(term(2 ** 40, 0, 30), { minLength: 1, maxLength: 100 }),
        fc.array(term(2 ** 20, -20, 0), { minLength: 1, maxLength: 100 }),
      )
      .chain(([large, small]) => {
        const all = [...large, ...small, ...large.map((x) => ({ ...x, mantissa: -x.mantissa }))];
        return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
      });
    fc.assert(
      fc.property(terms, (parts) => {
        const xs = parts.map(({ mantissa, exponent }) => mantissa * 2 ** exponent);
        const scaled = parts.reduce(
          (acc, { mantissa, exponent }) => acc + (BigInt(mantissa) << BigInt(exponent + 20)),
          0n,
        );
        const exact = Number(scaled) * 2 ** -20;
        const magnitude = xs.reduce((acc, x) => acc + Math.abs(x), 0);
        const u = 2 ** -53;
        assertClose(
          sum(xs),
          exact,
          { rel: 2 * u, abs: xs.length * u * u * magnitude },
          "shuffled ±m·2^e terms",
        );
      }),
      { numRuns: 50 },
    );
  });
});
