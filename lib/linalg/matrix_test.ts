import { assert, assertEquals, assertThrows } from "../_testing.ts";
import {
  clone,
  column,
  frobeniusNorm,
  identity,
  matrix,
  maxAbsDifference,
  multiply,
  multiplyVector,
  norm2,
  transpose,
  transposeMultiply,
  transposeMultiplyVector,
} from "./matrix.ts";

const a = matrix(2, 3, [1, 2, 3, 4, 5, 6]);
const b = matrix(3, 2, [1, 0, 0, 1, 1, 1]);

Deno.test("matrix() validates shape and data", () => {
  assertThrows(() => matrix(2, 2, [1]), RangeError, "current value is 1");
  assertThrows(() => matrix(-1, 2), RangeError, "[-1, 2]");
});

Deno.test("multiply() and friends agree with hand computation", () => {
  assertEquals(Array.from(multiply(a, b).data), [4, 5, 10, 11]);
  assertEquals(Array.from(transposeMultiply(a, a).data), [17, 22, 27, 22, 29, 36, 27, 36, 45]);
  assertEquals(maxAbsDifference(transposeMultiply(transpose(a), b), multiply(a, b)), 0);
  assertEquals(Array.from(multiplyVector(a, [1, 1, 1])), [6, 15]);
  assertEquals(Array.from(transposeMultiplyVector(a, [1, 1])), [5, 7, 9]);
  assertEquals(Array.from(column(a, 2)), [3, 6]);
  assertEquals(maxAbsDifference(multiply(identity(2), a), a), 0);
  assertThrows(() => multiply(a, a), RangeError, "[2, 3] and [2, 3]");
  assertThrows(() => column(a, 3), RangeError, "current value is 3");
});

Deno.test("transpose() is an involution on blocked sizes", () => {
  const m = matrix(70, 45);
  for (let i = 0; i < m.data.length; i++) m.data[i] = i;
  const t = transpose(m);
  assertEquals(t.data[5 * 70 + 3], m.data[3 * 45 + 5]);
  assertEquals(maxAbsDifference(transpose(t), m), 0);
});

Deno.test("clone() and norms", () => {
  const c = clone(a);
  c.data[0] = 100;
  assertEquals(a.data[0], 1);
  assert(Math.abs(frobeniusNorm(a) - Math.sqrt(91)) < 1e-14);
  assertEquals(norm2([0, 0]), 0);
  assertEquals(norm2([1e-200, 0]), 1e-200);
});
