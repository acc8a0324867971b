/**
 * Seeded randomness: one {@link Rng} per model, seeds derived from (base, hidden size, replica).
 *
 * @module
 */
export { deriveSeed, Rng, type RngState } from "./xoshiro.ts";
