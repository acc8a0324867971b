/**
 * Test-only assertions shared by every test in lib/ (jsr:@std/assert is unreachable here), built on
 * `node:assert`. Tolerances are relative/absolute pairs: |actual − expected| ≤ abs + rel·|expected|.
 * Not exported from mod.ts.
 *
 * @module
 */

import nodeAssert from "node:assert/strict";

/**
 * Throws unless `condition` is truthy.
 *
 * @example Assert a condition
 * ```ts
 * import { assert } from "./_testing.ts";
 * assert(1 + 1 === 2, "arithmetic");
 * ```
 */
export function assert(condition: unknown, message = "assertion failed"): asserts condition {
  nodeAssert.ok(condition, message);
}

/**
 * Throws unless `actual` and `expected` are deeply and strictly equal.
 *
 * @example Compare arrays
 * ```ts
 * import { assertEquals } from "./_testing.ts";
 * assertEquals([1, 2], [1, 2]);
 * ```
 */
export function assertEquals<T>(actual: T, expected: T, message?: string): void {
  nodeAssert.deepStrictEqual(actual, expected, message);
}

/** A relative/absolute tolerance pair. */
export interface Tolerance {
  /** Relative part, multiplied by |expected|. */
  readonly rel?: number;
  /** Absolute part. */
  readonly abs?: number;
}

/**
 * Throws unless |actual − expected| ≤ abs + rel·|expected| (both default 0; equal infinities pass).
 *
 * @example Compare with a relative tolerance
 * ```ts
 * import { assertClose } from "./_testing.ts";
 * assertClose(1.0000001, 1, { rel: 1e-6 });
 * ```
 */
export function assertClose(
  actual: number,
  expected: number,
  tolerance: Tolerance,
  message = "",
): void {
  if (actual === expected) return;
  const bound = (tolerance.abs ?? 0) + (tolerance.rel ?? 0) * Math.abs(expected);
  const err = Math.abs(actual - expected);
  if (!(err <= bound)) {
    throw new nodeAssert.AssertionError({
      message: `${message} expected ${expected}, got ${actual}: |error| ${err} > bound ${bound}`,
    });
  }
}

/**
 * {@link assertClose} element by element, after checking the lengths agree.
 *
 * @example Two vectors
 * ```ts
 * import { assertAllClose } from "./_testing.ts";
 * assertAllClose([1, 2], [1, 2 + 1e-12], { abs: 1e-9 }, "v");
 * ```
 */
export function assertAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: Tolerance,
  message = "",
): void {
  if (actual.length !== expected.length) {
    throw new nodeAssert.AssertionError({
      message: `${message}: length ${actual.length} !== ${expected.length}`,
    });
  }
  for (let k = 0; k < actual.length; k++) {
    assertClose(actual[k], expected[k], tolerance, `${message}[${k}]`);
  }
}

/**
 * Throws unless `fn` throws an instance of `errorClass` whose message contains `includes`.
 *
 * @example Expect a RangeError
 * ```ts
 * import { assertThrows } from "./_testing.ts";
 * assertThrows(() => { throw new RangeError("Cannot x as y: current value is 1"); }, RangeError, "current value");
 * ```
 */
export function assertThrows(
  fn: () => unknown,
  errorClass: new (...args: never[]) => Error,
  includes = "",
): void {
  let thrown: unknown = undefined;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  if (!(thrown instanceof errorClass)) {
    throw new Error(`Expected ${errorClass.name} to be thrown: current value is ${thrown}`);
  }
  if (!thrown.message.includes(includes)) {
    throw new Error(
      `Expected the message to include "${includes}": current value is "${thrown.message}"`,
    );
  }
}

/**
 * Throws unless `fn` throws an error in the house form ("Cannot <do X> as <reason>: …") whose
 * message contains `fragment`.
 *
 * @example Expect an error message
 * ```ts
 * import { assertThrowsMessage } from "./_testing.ts";
 * assertThrowsMessage(() => { throw new RangeError("Cannot do X as Y: current value is 3"); }, "do X");
 * ```
 */
export function assertThrowsMessage(fn: () => unknown, fragment: string): void {
  let thrown: unknown = undefined;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert(thrown instanceof Error, `expected an error containing "${fragment}"`);
  const message = (thrown as Error).message;
  assert(
    message.startsWith("Cannot ") && message.includes(fragment),
    `expected a "Cannot …" error containing "${fragment}": current value is "${message}"`,
  );
}
