/**
 * Saddle points and curvature of the reciprocal-space energy (SCIENCE.md §3). Each paired mode
 * (λᵢ > 0) contributes Eᵢ(x, y) = −a₀ᵢx − b₀ᵢy − λᵢxy = εᵢ − λᵢ(x − x*)(y − y*) with the single
 * stationary point x* = −b₀ᵢ/λᵢ, y* = −a₀ᵢ/λᵢ and energy εᵢ = a₀ᵢb₀ᵢ/λᵢ. When N ≠ M a free mode
 * with a nonzero bias has no stationary point, so saddle properties are stated per paired mode.
 *
 * @module
 */

import { matrix, type Matrix64 } from "../linalg/mod.ts";
import type { Reciprocal } from "./transform.ts";

/** The saddle of one paired mode i (0-based, in descending-λ order). */
export interface ModeSaddle {
  /** Mode index i (0-based). */
  readonly index: number;
  /** λᵢ > 0. */
  readonly singularValue: number;
  /** x* = −b₀ᵢ/λᵢ. */
  readonly x: number;
  /** y* = −a₀ᵢ/λᵢ. */
  readonly y: number;
  /** εᵢ = a₀ᵢb₀ᵢ/λᵢ. */
  readonly energy: number;
}

/** Result of {@link saddlePoints}. */
export interface SaddlePoints {
  /** One entry per paired mode with λᵢ > 0, in mode order. */
  readonly modes: readonly ModeSaddle[];
  /** Σᵢ a₀ᵢb₀ᵢ/λᵢ over the paired modes with λᵢ > 0 (the authors' per-epoch "saddle energy"). */
  readonly totalEnergy: number;
  /** Indices of paired modes with λᵢ = 0 (no saddle: they feel only their biases). */
  readonly zeroModes: readonly number[];
  /** Number of free modes, |N − M|, on the larger layer (no stationary point unless bias is 0). */
  readonly freeModes: number;
}

/**
 * Per-mode saddle points x* = −b₀/λ, y* = −a₀/λ, energies a₀b₀/λ, and their total.
 *
 * @example A single mode
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import { toReciprocal } from "./transform.ts";
 * import { saddlePoints } from "./saddle.ts";
 * const r = toReciprocal({
 *   weights: matrix(1, 1, [2]),
 *   visibleBias: new Float64Array([1]),
 *   hiddenBias: new Float64Array([-4]),
 * });
 * const { modes, totalEnergy } = saddlePoints(r);
 * console.assert(modes[0].x === 2 && modes[0].y === -0.5 && totalEnergy === -2);
 * ```
 */
export function saddlePoints(r: Reciprocal): SaddlePoints {
  const s = r.singularValues;
  const modes: ModeSaddle[] = [];
  const zeroModes: number[] = [];
  let totalEnergy = 0;
  for (let i = 0; i < s.length; i++) {
    const lambda = s[i];
    if (!(lambda > 0)) {
      zeroModes.push(i);
      continue;
    }
    const a0 = r.visibleBias0[i], b0 = r.hiddenBias0[i];
    const energy = a0 * b0 / lambda;
    modes.push({ index: i, singularValue: lambda, x: -b0 / lambda, y: -a0 / lambda, energy });
    totalEnergy += energy;
  }
  return { modes, totalEnergy, zeroModes, freeModes: Math.abs(r.u.rows - r.v.rows) };
}

/**
 * The total saddle energy Σᵢ a₀ᵢb₀ᵢ/λᵢ over paired modes with λᵢ > 0.
 *
 * @example Two modes
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import { toReciprocal } from "./transform.ts";
 * import { saddleEnergy } from "./saddle.ts";
 * const r = toReciprocal({
 *   weights: matrix(2, 2, [2, 0, 0, 1]),
 *   visibleBias: new Float64Array([1, 1]),
 *   hiddenBias: new Float64Array([1, 1]),
 * });
 * console.assert(Math.abs(saddleEnergy(r) - 1.5) < 1e-15);
 * ```
 */
export function saddleEnergy(r: Reciprocal): number {
  return saddlePoints(r).totalEnergy;
}

/**
 * The eigenvalues of the Hessian of E(x, y) in the full (N+M)-dimensional reciprocal space,
 * ascending: {±λᵢ : i ≤ L} ∪ {0}^{|N−M|}. Curvature is set by the singular values alone.
 *
 * @example A 2×1 RBM
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import { toReciprocal } from "./transform.ts";
 * import { hessianSpectrum } from "./saddle.ts";
 * const r = toReciprocal({
 *   weights: matrix(2, 1, [3, 4]),
 *   visibleBias: new Float64Array(2),
 *   hiddenBias: new Float64Array(1),
 * });
 * const h = hessianSpectrum(r);
 * console.assert(h.length === 3 && Math.abs(h[0] + 5) < 1e-14 && h[1] === 0);
 * ```
 */
export function hessianSpectrum(r: Reciprocal): Float64Array {
  const s = r.singularValues;
  const free = Math.abs(r.u.rows - r.v.rows);
  const out = new Float64Array(2 * s.length + free);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = -s[i];
    out[2 * i + 1] = s[i];
  }
  return out.sort();
}

/**
 * The full (N+M)×(N+M) Hessian of E(x, y) in the coordinates z = (x₁…x_N, y₁…y_M): the only nonzero
 * entries are ∂²E/∂xᵢ∂yᵢ = −λᵢ (i ≤ L), symmetric. Used to check {@link hessianSpectrum}.
 *
 * @example The 2-D saddle Hessian [[0, −λ], [−λ, 0]]
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import { toReciprocal } from "./transform.ts";
 * import { reciprocalHessian } from "./saddle.ts";
 * const r = toReciprocal({
 *   weights: matrix(1, 1, [3]),
 *   visibleBias: new Float64Array(1),
 *   hiddenBias: new Float64Array(1),
 * });
 * const h = reciprocalHessian(r);
 * console.assert(h.data[0] === 0 && h.data[1] === -3 && h.data[2] === -3 && h.data[3] === 0);
 * ```
 */
export function reciprocalHessian(r: Reciprocal): Matrix64 {
  const n = r.u.rows, m = r.v.rows, size = n + m;
  const out = matrix(size, size);
  const s = r.singularValues;
  for (let i = 0; i < s.length; i++) {
    out.data[i * size + n + i] = -s[i];
    out.data[(n + i) * size + i] = -s[i];
  }
  return out;
}

function checkMode(r: Reciprocal, i: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= r.singularValues.length) {
    throw new RangeError(
      `Cannot use mode i as it must be a paired mode index in [0, ${r.singularValues.length}): current value is ${i}`,
    );
  }
}

/**
 * The energy of paired mode i alone, Eᵢ(x, y) = −a₀ᵢx − b₀ᵢy − λᵢxy.
 *
 * @example At the saddle the mode energy is a₀b₀/λ
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import { toReciprocal } from "./transform.ts";
 * import { modeEnergy } from "./saddle.ts";
 * const r = toReciprocal({
 *   weights: matrix(1, 1, [2]),
 *   visibleBias: new Float64Array([1]),
 *   hiddenBias: new Float64Array([-4]),
 * });
 * console.assert(modeEnergy(r, 0, 2, -0.5) === -2);
 * ```
 */
export function modeEnergy(r: Reciprocal, i: number, x: number, y: number): number {
  checkMode(r, i);
  return -r.visibleBias0[i] * x - r.hiddenBias0[i] * y - r.singularValues[i] * x * y;
}

/** Rotated saddle coordinates of one mode (see {@link rotatedCoordinates}). */
export interface RotatedCoordinates {
  /** u = ((x − x*) + (y − y*))/√2, the unstable (descending, curvature −λ) direction. */
  readonly u: number;
  /** w = (−(x − x*) + (y − y*))/√2, the stable (curvature +λ) direction. */
  readonly w: number;
}

/**
 * Rotated coordinates of (x, y) about the saddle of paired mode i (λᵢ > 0), in which
 * Eᵢ = εᵢ − λᵢu²/2 + λᵢw²/2.
 *
 * @example The saddle itself maps to the origin
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import { toReciprocal } from "./transform.ts";
 * import { rotatedCoordinates } from "./saddle.ts";
 * const r = toReciprocal({
 *   weights: matrix(1, 1, [2]),
 *   visibleBias: new Float64Array([1]),
 *   hiddenBias: new Float64Array([-4]),
 * });
 * const { u, w } = rotatedCoordinates(r, 0, 2, -0.5);
 * console.assert(u === 0 && w === 0);
 * ```
 */
export function rotatedCoordinates(
  r: Reciprocal,
  i: number,
  x: number,
  y: number,
): RotatedCoordinates {
  checkMode(r, i);
  const lambda = r.singularValues[i];
  if (!(lambda > 0)) {
    throw new RangeError(
      `Cannot rotate about the saddle of mode ${i} as it needs λ > 0: current value is ${lambda}`,
    );
  }
  const dx = x + r.hiddenBias0[i] / lambda, dy = y + r.visibleBias0[i] / lambda;
  return { u: (dx + dy) / Math.SQRT2, w: (dy - dx) / Math.SQRT2 };
}

/** A rectangular grid for {@link modeLandscape}: energies are evaluated at every (xs[c], ys[r]). */
export interface LandscapeGrid {
  /** Grid points along xᵢ, the visible reciprocal variable (columns of the result). */
  readonly xs: ArrayLike<number>;
  /** Grid points along yᵢ, the hidden reciprocal variable (rows of the result). */
  readonly ys: ArrayLike<number>;
}

/** Result of {@link modeLandscape}. */
export interface ModeLandscape {
  /** Float64 copy of the grid's xs. */
  readonly xs: Float64Array;
  /** Float64 copy of the grid's ys. */
  readonly ys: Float64Array;
  /** Eᵢ at (xs[c], ys[r]), row-major with shape [ys.length, xs.length]. */
  readonly energy: Float64Array;
  /** The mode's saddle, or null when λᵢ = 0. */
  readonly saddle: ModeSaddle | null;
}

/**
 * Mode i's energy Eᵢ(x, y) on a grid, with its saddle, for landscape plots.
 *
 * @example A 3×3 grid around the saddle
 * ```ts
 * import { matrix } from "../linalg/mod.ts";
 * import { toReciprocal } from "./transform.ts";
 * import { modeLandscape } from "./saddle.ts";
 * const r = toReciprocal({
 *   weights: matrix(1, 1, [2]),
 *   visibleBias: new Float64Array([1]),
 *   hiddenBias: new Float64Array([-4]),
 * });
 * const l = modeLandscape(r, 0, { xs: [1, 2, 3], ys: [-1.5, -0.5, 0.5] });
 * console.assert(l.energy.length === 9 && l.energy[4] === l.saddle!.energy);
 * ```
 */
export function modeLandscape(r: Reciprocal, i: number, grid: LandscapeGrid): ModeLandscape {
  checkMode(r, i);
  const xs = Float64Array.from(grid.xs), ys = Float64Array.from(grid.ys);
  const energy = new Float64Array(xs.length * ys.length);
  for (let row = 0; row < ys.length; row++) {
    for (let c = 0; c < xs.length; c++) {
      energy[row * xs.length + c] = modeEnergy(r, i, xs[c], ys[row]);
    }
  }
  const saddle = saddlePoints(r).modes.find((m) => m.index === i) ?? null;
  return { xs, ys, energy, saddle };
}
