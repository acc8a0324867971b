/**
 * The paper's claims (arXiv 2503.21536) as executable, falsifiable properties: the claim
 * interface, the registry, the checker and the verdict report.
 *
 * @example Check the exact reciprocal rewrite
 * ```ts
 * import { checkClaim, selectClaims } from "./mod.ts";
 * const [c1] = selectClaims(["C1"]);
 * const verdict = await checkClaim(c1, { seed: 1, numRuns: 5 });
 * console.assert(verdict.status === "supported");
 * ```
 *
 * @module
 */

export * from "./claim.ts";
export { checkClaim, type CheckOptions, type Verdict, type VerdictStatus } from "./check.ts";
export { CLAIMS, selectClaims } from "./registry.ts";
export { loadRunForClaims } from "./run.ts";
