import { assert, assertEquals, assertThrows } from "../_testing.ts";
import { fc } from "../deps.ts";
import { Rng } from "../random/mod.ts";
import { symmetricEigenvalues } from "./eigen.ts";
import {
  column,
  identity,
  matrix,
  type Matrix64,
  maxAbsDifference,
  multiply,
  transpose,
  transposeMultiply,
} from "./matrix.ts";
import { GRAM_PATH_MIN_RATIO, singularValues, svd, topSingularValues } from "./svd.ts";

interface FixtureCase {
  name: string;
  rows: number;
  cols: number;
  w: number[];
  singularValues: number[];
  u: number[];
  v: number[];
  gramEigenvalues: number[];
}

const fixture = JSON.parse(
  await Deno.readTextFile(new URL("../../fixtures/linalg/svd_reference.json", import.meta.url)),
) as { cases: FixtureCase[] };

function gaussian(rows: number, cols: number, seed: number, scale = 1): Matrix64 {
  const rng = new Rng(seed);
  const w = matrix(rows, cols);
  for (let i = 0; i < w.data.length; i++) w.data[i] = scale * rng.nextNormal();
  return w;
}

/** U · diag(s) · Vᵀ for U N×N, V M×M. */
function rebuild(u: Matrix64, s: Float64Array, v: Matrix64): Matrix64 {
  const n = u.rows, m = v.rows;
  const us = matrix(n, m);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < s.length; k++) us.data[i * m + k] = u.data[i * n + k] * s[k];
  }
  return multiply(us, transpose(v));
}

/** Checks every structural promise of svd(w); returns the decomposition. */
function checkSvd(w: Matrix64, tolerance = 1e-13) {
  const { u, singularValues: s, v } = svd(w);
  const n = w.rows, m = w.cols, l = Math.min(n, m);
  assertEquals([u.rows, u.cols, v.rows, v.cols, s.length], [n, n, m, m, l]);
  let scale = 1;
  for (const x of w.data) scale = Math.max(scale, Math.abs(x));
  assert(maxAbsDifference(rebuild(u, s, v), w) <= tolerance * scale * Math.max(n, m), "UΣVᵀ = W");
  assert(maxAbsDifference(transposeMultiply(u, u), identity(n)) <= tolerance * n, "UᵀU = I");
  assert(maxAbsDifference(transposeMultiply(v, v), identity(m)) <= tolerance * m, "VᵀV = I");
  for (let i = 0; i < l; i++) {
    assert(s[i] >= 0, `λ${i} ≥ 0`);
    if (i > 0) assert(s[i] <= s[i - 1], `descending at ${i}`);
  }
  for (let i = 0; i < n; i++) {
    const sum = column(u, i).reduce((a, b) => a + b, 0);
    assert(sum >= -1e-12, `ΣⱼUⱼ${i} ≥ 0 (got ${sum})`);
  }
  for (let i = l; i < m; i++) {
    const sum = column(v, i).reduce((a, b) => a + b, 0);
    assert(sum >= -1e-12, `free ΣⱼVⱼ${i} ≥ 0 (got ${sum})`);
  }
  return { u, s, v };
}

Deno.test("svd() matches the numpy fixtures", async (t) => {
  for (const c of fixture.cases) {
    await t.step(c.name, () => {
      const w = matrix(c.rows, c.cols, c.w);
      const { u, s, v } = checkSvd(w);
      const ref = c.singularValues;
      const top = ref[0];
      for (let i = 0; i < ref.length; i++) {
        // 1e-12 relative, with an absolute floor of 1e-14·λ₁ (no SVD of a general matrix resolves
        // values far below ε·λ₁ to full relative accuracy; see graded_12x10).
        assert(Math.abs(s[i] - ref[i]) <= 1e-12 * ref[i] + 1e-14 * top, `${c.name} λ${i}`);
      }
      const refU = matrix(c.rows, c.rows, c.u);
      const refV = matrix(c.cols, c.cols, c.v);
      for (let i = 0; i < ref.length; i++) {
        const gap = Math.min(
          i > 0 ? ref[i - 1] - ref[i] : Infinity,
          i + 1 < ref.length ? ref[i] - ref[i + 1] : Infinity,
          ref[i],
        );
        if (gap < 1e-3 * top) continue; // vectors are defined only for isolated nonzero values
        for (const [ours, theirs, label] of [[u, refU, "u"], [v, refV, "v"]] as const) {
          const a = column(ours, i), b = column(theirs, i);
          const dot = a.reduce((acc, x, j) => acc + x * b[j], 0);
          assert(Math.abs(1 - Math.abs(dot)) < 1e-9, `${c.name} ${label}${i} up to sign: ${dot}`);
        }
      }
    });
  }
});

Deno.test("svd() gives λ² equal to the eigenvalues of WᵀW", () => {
  for (const c of fixture.cases) {
    const w = matrix(c.rows, c.cols, c.w);
    const s = svd(w).singularValues;
    const squares = Array.from(s, (x) => x * x);
    while (squares.length < c.cols) squares.push(0); // WᵀW (M×M) has M − L extra zeros
    squares.sort((a, b) => a - b);
    const ours = symmetricEigenvalues(transposeMultiply(w, w));
    const scale = squares[squares.length - 1];
    for (let i = 0; i < c.cols; i++) {
      assert(Math.abs(squares[i] - c.gramEigenvalues[i]) <= 1e-12 * scale, `${c.name} numpy ${i}`);
      assert(Math.abs(squares[i] - ours[i]) <= 1e-12 * scale, `${c.name} eigen.ts ${i}`);
    }
  }
});

Deno.test("svd() is full, orthogonal and sign-fixed in every orientation", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (rows, cols, seed) => {
        checkSvd(gaussian(rows, cols, seed));
      },
    ),
    { numRuns: 60, seed: 1234 },
  );
});

Deno.test("svd() handles special matrices", async (t) => {
  await t.step("a 100×40 and a 40×100 (large null spaces)", () => {
    for (const w of [gaussian(100, 40, 7, 0.01), gaussian(40, 100, 8, 0.01)]) checkSvd(w);
  });
  await t.step("a wide matrix gives exactly L values", () => {
    const w = gaussian(10, 78, 3);
    assertEquals(svd(w).singularValues.length, 10);
    assertEquals(singularValues(w).length, 10);
  });
  await t.step("rank 1", () => {
    const a = [1, -2, 3, 0.5], b = [2, 1, -1];
    const w = matrix(4, 3, a.flatMap((x) => b.map((y) => x * y)));
    const { s } = checkSvd(w);
    const expected = Math.hypot(...a) * Math.hypot(...b);
    assert(Math.abs(s[0] - expected) < 1e-14 * expected);
    assert(s[1] < 1e-14 * expected && s[2] < 1e-14 * expected);
  });
  await t.step("rank 3 with a large null space (60×20 and 20×60)", () => {
    const a = gaussian(60, 3, 21), b = gaussian(3, 20, 22);
    const w = multiply(a, b);
    for (const x of [w, transpose(w)]) {
      const { s } = checkSvd(x);
      assert(s[2] > 1 && s[3] < 1e-13 * s[0]);
    }
  });
  await t.step("zero matrices", () => {
    for (const [n, m] of [[3, 5], [5, 3], [4, 4]]) {
      const { u, s, v } = checkSvd(matrix(n, m));
      assert(s.every((x) => x === 0));
      assert(maxAbsDifference(transposeMultiply(u, u), identity(n)) < 1e-15);
      assert(maxAbsDifference(transposeMultiply(v, v), identity(m)) < 1e-15);
    }
  });
  await t.step("repeated singular values", () => {
    // 2·(orthogonal 6×6) has all singular values 2; diag(3, 3, 1) padded has a repeated pair.
    const q = svd(gaussian(6, 6, 11)).u;
    const w = matrix(6, 6, q.data.map((x) => 2 * x));
    const { s } = checkSvd(w);
    assert(s.every((x) => Math.abs(x - 2) < 1e-14));
    const d = matrix(5, 3, [3, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    const r = checkSvd(d);
    assertEquals(Array.from(r.s), [3, 3, 1]);
  });
  await t.step("vectors, columns and empty shapes", () => {
    checkSvd(matrix(1, 1, [-2]));
    checkSvd(matrix(1, 5, [1, -2, 3, -4, 5]));
    checkSvd(matrix(5, 1, [1, -2, 3, -4, 5]));
    const empty = svd(matrix(0, 3));
    assertEquals([empty.u.rows, empty.v.rows, empty.singularValues.length], [0, 3, 0]);
  });
  await t.step("the sign rule flips U and V together", () => {
    const w = matrix(2, 2, [-3, 0, 0, 1]);
    const { u, s, v } = checkSvd(w);
    assertEquals(Array.from(s), [3, 1]);
    assertEquals([u.data[0], v.data[0]], [1, -1]); // Σⱼ Uⱼ₀ = 1 ≥ 0, so V carries the sign
  });
});

Deno.test("svd() rejects non-finite input", () => {
  assertThrows(() => svd(matrix(2, 2, [1, NaN, 0, 1])), RangeError, "current value is NaN");
  assertThrows(() => singularValues(matrix(1, 2, [Infinity, 0])), RangeError, "finite");
});

Deno.test("singularValues() agrees with svd() and the fixtures", () => {
  for (const c of fixture.cases) {
    const w = matrix(c.rows, c.cols, c.w);
    const s = singularValues(w);
    const top = c.singularValues[0];
    assertEquals(s.length, c.singularValues.length);
    for (let i = 0; i < s.length; i++) {
      const ref = c.singularValues[i];
      assert(Math.abs(s[i] - ref) <= 1e-12 * ref + 1e-14 * top, `${c.name} λ${i}`);
    }
  }
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 15 }),
      fc.integer({ min: 1, max: 15 }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (rows, cols, seed) => {
        const w = gaussian(rows, cols, seed);
        const a = singularValues(w), b = svd(w).singularValues;
        return a.every((x, i) => Math.abs(x - b[i]) <= 1e-13 * b[0]);
      },
    ),
    { numRuns: 60, seed: 99 },
  );
});

Deno.test("topSingularValues() returns the k largest values", async (t) => {
  await t.step("Gram path on a spiked matrix", () => {
    const c = fixture.cases.find((x) => x.name === "spiked_40x16")!;
    const w = matrix(c.rows, c.cols, c.w);
    const top = topSingularValues(w, 3);
    for (let i = 0; i < 3; i++) {
      assert(Math.abs(top[i] - c.singularValues[i]) <= 1e-12 * c.singularValues[i]);
    }
  });
  await t.step("fallback below the ratio threshold", () => {
    const c = fixture.cases.find((x) => x.name === "graded_12x10")!;
    const w = matrix(c.rows, c.cols, c.w);
    assert(c.singularValues[5] < GRAM_PATH_MIN_RATIO * c.singularValues[0]);
    const top = topSingularValues(w, 6);
    for (let i = 0; i < 6; i++) {
      assert(Math.abs(top[i] - c.singularValues[i]) <= 1e-12 * c.singularValues[i] + 1e-15);
    }
  });
  await t.step("random shapes agree with singularValues()", () => {
    for (const [n, m, seed] of [[30, 12, 1], [12, 30, 2], [20, 20, 3]]) {
      const w = gaussian(n, m, seed, 0.01);
      const all = singularValues(w);
      const top = topSingularValues(w, 5);
      for (let i = 0; i < 5; i++) assert(Math.abs(top[i] - all[i]) <= 1e-12 * all[i]);
      assertEquals(topSingularValues(w, 0).length, 0);
    }
  });
  await t.step("rejects k out of range", () => {
    assertThrows(() => topSingularValues(matrix(3, 2), 3), RangeError, "current value is 3");
  });
});
