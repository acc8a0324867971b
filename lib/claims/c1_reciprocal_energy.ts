/**
 * C1: the exact reciprocal rewrite of the energy (SCIENCE.md §2).
 *
 * @module
 */

import { fc } from "../deps.ts";
import { Rng } from "../random/mod.ts";
import { randomParams64 } from "../rbm/energy64.ts";
import {
  energy,
  hiddenToReciprocal,
  reciprocalEnergy,
  toReciprocal,
  visibleToReciprocal,
} from "../reciprocal/mod.ts";
import type { Claim } from "./claim.ts";

/** Input of C1: a random RBM and random binary states. */
export interface ReciprocalEnergyInput {
  readonly numVisible: number;
  readonly numHidden: number;
  /** Standard deviation of W, a and b. */
  readonly scale: number;
  readonly seed: number;
  /** Binary (v, h) pairs compared. */
  readonly states: number;
  /** Relative error put on λ₁ in the reciprocal energy: 0 for the claim, ≠ 0 for the control. */
  readonly perturbation: number;
}

/** Relative tolerance of the identity (Float64 SVD and sums over ≤ 24 × 24 terms). */
export const C1_TOLERANCE = 1e-10;

/**
 * C1 (identity): E(v, h) = −Σa₀ᵢxᵢ − Σb₀ⱼyⱼ − Σλᵢxᵢyᵢ with x = Uᵀv, y = Vᵀh, for every RBM and state.
 * Evidence: the largest |E(v,h) − E(x,y)| over the states, relative to 1 + |E(v,h)|.
 */
export const reciprocalEnergyClaim: Claim<ReciprocalEnergyInput> = {
  id: "C1",
  title: "The energy is exactly E(v,h) = −a₀·x − b₀·y − Σᵢ λᵢxᵢyᵢ with x = Uᵀv, y = Vᵀh.",
  source: "SCIENCE.md §2; paper Sec. 2",
  kind: "identity",
  headline: ["maxRelativeError"],
  inputs: fc.record({
    numVisible: fc.integer({ min: 1, max: 24 }),
    numHidden: fc.integer({ min: 1, max: 24 }),
    scale: fc.constantFrom(0.01, 0.1, 1, 3),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    states: fc.integer({ min: 1, max: 8 }),
    perturbation: fc.constant(0),
  }),
  evaluate(input) {
    const rng = new Rng(input.seed);
    const params = randomParams64(input.numVisible, input.numHidden, input.scale, rng);
    const r = toReciprocal(params);
    const lambdas = Float64Array.from(r.singularValues);
    lambdas[0] *= 1 + input.perturbation;
    const perturbed = { ...r, singularValues: lambdas };
    let maxRelativeError = 0;
    for (let s = 0; s < input.states; s++) {
      // The all-ones state first: it couples to every mode, so a wrong λ₁ always shows.
      const v = Array.from({ length: input.numVisible }, () => s === 0 ? 1 : rng.nextInt(2));
      const h = Array.from({ length: input.numHidden }, () => s === 0 ? 1 : rng.nextInt(2));
      const plain = energy(params, v, h);
      const rotated = reciprocalEnergy(
        perturbed,
        visibleToReciprocal(r, v),
        hiddenToReciprocal(r, h),
      );
      maxRelativeError = Math.max(
        maxRelativeError,
        Math.abs(plain - rotated) / (1 + Math.abs(plain)),
      );
    }
    return { maxRelativeError };
  },
  accept: (e) => e.maxRelativeError <= C1_TOLERANCE,
  negativeControl: {
    numVisible: 6,
    numHidden: 4,
    scale: 1,
    seed: 1,
    states: 4,
    perturbation: 1e-6,
  },
};
