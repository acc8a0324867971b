/**
 * Test-only assertions (jsr:@std/assert is unreachable here), built on `node:assert`.
 *
 * @module
 */

import nodeAssert from "node:assert/strict";

/**
 * Throws unless `condition` is truthy.
 *
 * @example Assert a condition
 * ```ts
 * import { assert } from "./_test_util.ts";
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
 * import { assertEquals } from "./_test_util.ts";
 * assertEquals([1, 2], [1, 2]);
 * ```
 */
export function assertEquals<T>(actual: T, expected: T, message?: string): void {
  nodeAssert.deepStrictEqual(actual, expected, message);
}

/**
 * Throws unless `fn` throws an instance of `errorClass` whose message contains `includes`.
 *
 * @example Expect a RangeError
 * ```ts
 * import { assertThrows } from "./_test_util.ts";
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
