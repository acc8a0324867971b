/**
 * Test-only helpers for lib/reciprocal.
 *
 * @module
 */

import { matrix } from "../linalg/mod.ts";
import { Rng } from "../random/mod.ts";
import type { RbmParams64 } from "./transform.ts";

/**
 * Random RBM parameters with iid N(0, scale²) weights and biases, seeded.
 *
 * @example A 4×3 RBM
 * ```ts
 * import { randomParams } from "./_test_util.ts";
 * const p = randomParams(4, 3, 1);
 * console.assert(p.weights.rows === 4 && p.hiddenBias.length === 3);
 * ```
 */
export function randomParams(n: number, m: number, seed: number, scale = 1): RbmParams64 {
  const rng = new Rng(seed);
  const normal = (k: number) => Float64Array.from({ length: k }, () => scale * rng.nextNormal());
  return { weights: matrix(n, m, normal(n * m)), visibleBias: normal(n), hiddenBias: normal(m) };
}
