/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna), seeded through SplitMix32.
 * One generator per model; its whole state fits in a checkpoint, so a resumed run draws exactly the
 * numbers an uninterrupted one would. Bulk fills serve the Gibbs sampler (≈10⁶–10⁷ numbers per update).
 *
 * @module
 */

const TWO_POW_32 = 4294967296;
const TWO_POW_24 = 16777216;
const TWO_POW_53 = 9007199254740992;

/** The complete, serializable state of an {@link Rng}. */
export interface RngState {
  /** The four 32-bit words of xoshiro128**. */
  readonly words: [number, number, number, number];
  /** A cached second normal deviate of the polar method, or null. */
  readonly spareNormal: number | null;
}

/** SplitMix32 step: a well-mixed 32-bit hash of a 32-bit counter. */
function splitMix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Derives a 32-bit seed from a base seed and a path of integer labels, e.g. (base, hiddenSize,
 * replica). Depends only on the values, never on loop positions.
 *
 * @example Per-model seeds that do not depend on the grid
 * ```ts
 * import { deriveSeed } from "./xoshiro.ts";
 * const seed = deriveSeed(42, 64, 1); // hidden 64, replica 1
 * console.assert(seed === deriveSeed(42, 64, 1) && seed !== deriveSeed(42, 64, 2));
 * ```
 */
export function deriveSeed(base: number, ...labels: number[]): number {
  let h = splitMix32(base >>> 0);
  for (const label of labels) {
    if (!Number.isInteger(label)) {
      throw new RangeError(
        `Cannot derive a seed as labels must be integers: current value is ${label}`,
      );
    }
    h = splitMix32((h ^ Math.imul(label >>> 0, 0x27d4eb2d)) >>> 0);
    h = splitMix32((h + (Math.floor(label / TWO_POW_32) | 0)) >>> 0);
  }
  return h;
}

/**
 * A seeded xoshiro128** generator.
 *
 * @example Reproducible draws
 * ```ts
 * import { Rng } from "./xoshiro.ts";
 * const a = new Rng(7), b = new Rng(7);
 * console.assert(a.nextUint32() === b.nextUint32());
 * const u = a.nextDouble(); // in [0, 1)
 * console.assert(u >= 0 && u < 1);
 * ```
 */
export class Rng {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  #spare: number | null = null;

  /** Seeds the generator from any integer (only its low 32 bits matter). */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) {
      throw new RangeError(
        `Cannot seed Rng as the seed must be a finite number: current value is ${seed}`,
      );
    }
    let x = seed >>> 0;
    this.#s0 = x = splitMix32(x);
    this.#s1 = x = splitMix32(x);
    this.#s2 = x = splitMix32(x);
    this.#s3 = splitMix32(x);
    if ((this.#s0 | this.#s1 | this.#s2 | this.#s3) === 0) this.#s0 = 1;
  }

  /** Restores a generator from {@link Rng.state}. */
  static fromState(state: RngState): Rng {
    const r = new Rng(0);
    r.setState(state);
    return r;
  }

  /** A copy of the full state, for checkpoints. */
  state(): RngState {
    return { words: [this.#s0, this.#s1, this.#s2, this.#s3], spareNormal: this.#spare };
  }

  /** Replaces the state with a saved one. */
  setState(state: RngState): void {
    const w = state.words;
    if (
      !Array.isArray(w) || w.length !== 4 ||
      w.some((x) => !Number.isInteger(x) || x < 0 || x >= TWO_POW_32)
    ) {
      throw new RangeError(
        `Cannot restore Rng as the state must hold four uint32 words: current value is ${
          JSON.stringify(w)
        }`,
      );
    }
    if ((w[0] | w[1] | w[2] | w[3]) === 0) {
      throw new RangeError(
        "Cannot restore Rng as an all-zero xoshiro state is invalid: current value is [0,0,0,0]",
      );
    }
    [this.#s0, this.#s1, this.#s2, this.#s3] = w;
    this.#spare = state.spareNormal ?? null;
  }

  /** The next uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const s0 = this.#s0, s1 = this.#s1, s2 = this.#s2, s3 = this.#s3;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    let n2 = s2 ^ s0;
    let n3 = s3 ^ s1;
    const n1 = s1 ^ n2;
    const n0 = s0 ^ n3;
    n2 ^= t;
    n3 = (n3 << 11) | (n3 >>> 21);
    this.#s0 = n0 >>> 0;
    this.#s1 = n1 >>> 0;
    this.#s2 = n2 >>> 0;
    this.#s3 = n3 >>> 0;
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / TWO_POW_53;
  }

  /** A uniform integer in [0, n). */
  nextInt(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > TWO_POW_32) {
      throw new RangeError(
        `Cannot draw an integer in [0, n) as n must be in 1..2^32: current value is ${n}`,
      );
    }
    return Math.floor(this.nextDouble() * n);
  }

  /** A standard normal deviate (Marsaglia's polar method). */
  nextNormal(): number {
    if (this.#spare !== null) {
      const s = this.#spare;
      this.#spare = null;
      return s;
    }
    for (;;) {
      const u = 2 * this.nextDouble() - 1;
      const v = 2 * this.nextDouble() - 1;
      const r2 = u * u + v * v;
      if (r2 > 0 && r2 < 1) {
        const f = Math.sqrt(-2 * Math.log(r2) / r2);
        this.#spare = v * f;
        return u * f;
      }
    }
  }

  /**
   * Fills `out` with uniform floats in [0, 1) carrying 24 random bits each (exact in Float32):
   * the fast path for Gibbs sampling noise.
   */
  fillUniform(out: Float32Array): Float32Array {
    let s0 = this.#s0, s1 = this.#s1, s2 = this.#s2, s3 = this.#s3;
    for (let i = 0; i < out.length; i++) {
      const m = Math.imul(s1, 5);
      const r = Math.imul((m << 7) | (m >>> 25), 9) >>> 8;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      out[i] = r / TWO_POW_24;
    }
    this.#s0 = s0 >>> 0;
    this.#s1 = s1 >>> 0;
    this.#s2 = s2 >>> 0;
    this.#s3 = s3 >>> 0;
    return out;
  }

  /** Fills `out` with iid normal deviates of the given standard deviation. */
  fillNormal(out: Float32Array | Float64Array, standardDeviation = 1): typeof out {
    for (let i = 0; i < out.length; i++) out[i] = standardDeviation * this.nextNormal();
    return out;
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** A fresh 32-bit seed for a tfjs random op (a constant tfjs seed would repeat the same noise). */
  nextOpSeed(): number {
    return this.nextUint32();
  }
}
