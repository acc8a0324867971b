import { assert, assertThrows } from "../_testing.ts";
import { Rng } from "../random/mod.ts";
import { symmetricEigenvalues } from "./eigen.ts";
import { matrix, multiply, transpose } from "./matrix.ts";
import { qr } from "./qr.ts";

Deno.test("symmetricEigenvalues() recovers a planted spectrum", () => {
  const rng = new Rng(5);
  for (const n of [1, 2, 3, 8, 25]) {
    const g = matrix(n, n);
    for (let i = 0; i < g.data.length; i++) g.data[i] = rng.nextNormal();
    const q = qr(g).q;
    const planted = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? -1 : 1) * (i + 1) / 2);
    planted[n - 1] = planted[0]; // a repeated eigenvalue
    const d = matrix(n, n);
    for (let i = 0; i < n; i++) d.data[i * n + i] = planted[i];
    const a = multiply(multiply(q, d), transpose(q));
    const ev = symmetricEigenvalues(a);
    const expected = planted.slice().sort((x, y) => x - y);
    for (let i = 0; i < n; i++) assert(Math.abs(ev[i] - expected[i]) < 1e-12 * n, `n=${n} i=${i}`);
  }
});

Deno.test("symmetricEigenvalues() handles diagonal and zero matrices", () => {
  const ev = symmetricEigenvalues(matrix(3, 3, [2, 0, 0, 0, -1, 0, 0, 0, 0]));
  assert(ev[0] === -1 && ev[1] === 0 && ev[2] === 2);
  assert(symmetricEigenvalues(matrix(4, 4)).every((x) => x === 0));
  assert(symmetricEigenvalues(matrix(0, 0)).length === 0);
});

Deno.test("symmetricEigenvalues() rejects bad input", () => {
  assertThrows(() => symmetricEigenvalues(matrix(2, 3)), RangeError, "square");
  assertThrows(() => symmetricEigenvalues(matrix(1, 1, [NaN])), RangeError, "NaN");
});
