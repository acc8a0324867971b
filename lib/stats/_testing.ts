/**
 * Test-only assertions for lib/stats and lib/rmt (jsr:@std/assert is unreachable here), built on
 * `node:assert`. Tolerances are relative/absolute pairs: |actual − expected| ≤ abs + rel·|expected|.
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
 * Throws unless `fn` throws an error whose message contains `fragment`.
 *
 * @example Expect a RangeError message
 * ```ts
 * import { assertThrows } from "./_testing.ts";
 * assertThrows(() => { throw new RangeError("Cannot do X as Y: current value is 3"); }, "Cannot do X");
 * ```
 */
export function assertThrows(fn: () => unknown, fragment: string): void {
  let thrown: unknown = undefined;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert(thrown instanceof Error, `expected an error containing "${fragment}"`);
  assert(
    (thrown as Error).message.includes(fragment),
    `expected "${fragment}" in "${(thrown as Error).message}"`,
  );
}
