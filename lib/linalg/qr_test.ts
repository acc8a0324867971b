import { assert, assertEquals, assertThrows } from "../_testing.ts";
import { fc } from "../deps.ts";
import { Rng } from "../random/mod.ts";
import { identity, matrix, maxAbsDifference, multiply, transposeMultiply } from "./matrix.ts";
import { orthonormalComplement, qr } from "./qr.ts";

function gaussian(rows: number, cols: number, seed: number) {
  const rng = new Rng(seed);
  const w = matrix(rows, cols);
  for (let i = 0; i < w.data.length; i++) w.data[i] = rng.nextNormal();
  return w;
}

Deno.test("qr() factors any shape into orthogonal Q and upper-triangular R", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (rows, cols, seed) => {
        const a = gaussian(rows, cols, seed);
        const { q, r } = qr(a);
        assertEquals([q.rows, q.cols, r.rows, r.cols], [rows, rows, rows, cols]);
        assert(maxAbsDifference(multiply(q, r), a) < 1e-13);
        assert(maxAbsDifference(transposeMultiply(q, q), identity(rows)) < 1e-14);
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < Math.min(i, cols); j++) assertEquals(r.data[i * cols + j], 0);
        }
      },
    ),
    { numRuns: 50, seed: 7 },
  );
});

Deno.test("qr() handles a zero column", () => {
  const a = matrix(3, 2, [0, 1, 0, 2, 0, 3]);
  const { q, r } = qr(a);
  assert(maxAbsDifference(multiply(q, r), a) < 1e-15);
});

Deno.test("orthonormalComplement() completes an orthonormal basis", () => {
  for (const [n, k, seed] of [[7, 3, 1], [30, 29, 2], [12, 1, 3], [5, 5, 4], [50, 10, 5]]) {
    const q = qr(gaussian(n, k, seed)).q;
    const thin = matrix(n, k);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) thin.data[i * k + j] = q.data[i * n + j];
    }
    const c = orthonormalComplement(thin);
    assertEquals([c.rows, c.cols], [n, n - k]);
    assert(maxAbsDifference(transposeMultiply(c, c), identity(n - k)) < 1e-14);
    const cross = transposeMultiply(thin, c);
    assert(cross.data.every((x) => Math.abs(x) < 1e-14));
  }
  assertThrows(() => orthonormalComplement(matrix(2, 3)), RangeError, "[2, 3]");
});
