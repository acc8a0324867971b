/**
 * The registry of the paper's claims, in id order. Ids are stable: a claim may be refined but its
 * id never changes meaning, and new claims (free energy, diffusion, sampling) get new ids.
 *
 * @module
 */

import type { AnyClaim } from "./claim.ts";
import { reciprocalEnergyClaim } from "./c1_reciprocal_energy.ts";
import { saddleClaim } from "./c2_saddle.ts";
import { marchenkoPasturClaim } from "./c3_marchenko_pastur.ts";
import { rotationInitClaim, rotationTrainedClaim } from "./c4_c5_rotation.ts";
import { trainedSpectrumClaim } from "./c6_trained_spectrum.ts";
import { hierarchyClaim } from "./c7_hierarchical.ts";
import { gaussianIdentityClaim, kurtosisSlopeClaim } from "./c8_gaussian_limit.ts";

/** Every claim, in id order. */
export const CLAIMS: readonly AnyClaim[] = [
  reciprocalEnergyClaim,
  saddleClaim,
  marchenkoPasturClaim,
  rotationInitClaim,
  rotationTrainedClaim,
  trainedSpectrumClaim,
  hierarchyClaim,
  gaussianIdentityClaim,
  kurtosisSlopeClaim,
];

/**
 * The claims with the given ids, in registry order (ids are case-insensitive; "C8" selects C8a
 * and C8b). Throws on an unknown id.
 *
 * @example
 * ```ts
 * import { selectClaims } from "./registry.ts";
 * console.assert(selectClaims(["c1", "C8"]).map((c) => c.id).join() === "C1,C8a,C8b");
 * ```
 */
export function selectClaims(ids: readonly string[]): AnyClaim[] {
  const wanted = ids.map((id) => id.trim().toUpperCase()).filter((id) => id !== "");
  const matches = (claim: AnyClaim, w: string) => {
    const id = claim.id.toUpperCase();
    return id === w || id.replace(/[A-Z]$/, "") === w;
  };
  for (const w of wanted) {
    if (!CLAIMS.some((c) => matches(c, w))) {
      throw new RangeError(
        `Cannot select claim ${w} as it is not in the registry (${
          CLAIMS.map((c) => c.id).join(", ")
        }): current value is ${w}`,
      );
    }
  }
  return CLAIMS.filter((c) => wanted.some((w) => matches(c, w)));
}
