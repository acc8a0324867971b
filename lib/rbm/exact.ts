/**
 * Exact enumeration for small RBMs: the oracle against which every approximate estimate (AIS,
 * mean-field, Gaussian free energy, samplers, gradients) is tested.
 *
 * ln Z is computed by enumerating the 2^K states of the smaller layer (K = min(numVisible,
 * numHidden)) and summing the other layer analytically: ln Z = logsumexp_s(−F(s)), with F the free
 * energy of `freeEnergy` or `hiddenFreeEnergy` (./energy64.ts). The other layer may be large (e.g. 784
 * visible units with 12 hidden ones). The cost is O(2^K · L) for L the larger layer size, so
 * K ≤ {@link MAX_ENUMERATED_UNITS} is enforced; K ≤ 20 runs in seconds for L in the hundreds.
 *
 * State indexing (used by {@link exactVisibleDistribution}, {@link stateIndex} and
 * {@link stateFromIndex}): unit k of a layer is bit k of the index, i.e. index = Σₖ sₖ·2ᵏ.
 *
 * @module
 */

import { matrix, type Matrix64 } from "../linalg/matrix.ts";
import { logAddExp, logSumExp, sigmoid, softplus, sum } from "../numerics/stable.ts";
import { assertParams64, freeEnergy, type RbmParams64, type State64 } from "./energy64.ts";

/** The largest layer size that exact enumeration accepts (2^24 ≈ 1.7·10⁷ states). */
export const MAX_ENUMERATED_UNITS = 24;

/** The largest numVisible for which {@link exactVisibleDistribution} returns all 2^N probabilities. */
export const MAX_DISTRIBUTION_UNITS = 20;

/** The gradient of the mean log-likelihood, with the same shapes as the parameters. */
export type RbmGradient64 = RbmParams64;

/** First and second moments of the model distribution, computed exactly. */
export interface ModelMoments64 {
  /** ⟨v⟩, length numVisible. */
  readonly visibleMean: Float64Array;
  /** ⟨h⟩, length numHidden. */
  readonly hiddenMean: Float64Array;
  /** ⟨v hᵀ⟩, shape numVisible×numHidden (row-major, entry (i, j) = ⟨vᵢ hⱼ⟩). */
  readonly visibleHiddenMean: Matrix64;
  /** ln Z, computed on the way. */
  readonly logPartition: number;
}

/**
 * The index of a binary state: Σₖ sₖ·2ᵏ (unit 0 is the least significant bit).
 *
 * @param state A 0/1 state of at most 31 units.
 * @returns Its index in [0, 2^length).
 * @throws {RangeError} for an entry other than 0 or 1, or more than 31 units.
 *
 * @example Round trip with stateFromIndex
 * ```ts
 * import { stateFromIndex, stateIndex } from "./exact.ts";
 * console.assert(stateIndex(new Uint8Array([1, 0, 1])) === 5);
 * console.assert(stateIndex(stateFromIndex(6, 3)) === 6);
 * ```
 */
export function stateIndex(state: State64): number {
  if (state.length > 31) {
    throw new RangeError(
      `Cannot index a state as it must have at most 31 units: current value is ${state.length}`,
    );
  }
  let index = 0;
  for (let k = 0; k < state.length; k++) {
    const s = state[k];
    if (s !== 0 && s !== 1) {
      throw new RangeError(
        `Cannot index a state as entry ${k} must be 0 or 1: current value is ${s}`,
      );
    }
    index |= s << k;
  }
  return index >>> 0;
}

/**
 * The binary state with a given index (unit k = bit k), the inverse of {@link stateIndex}.
 *
 * @param index An integer in [0, 2^size).
 * @param size Number of units, 0..31.
 * @returns A new Uint8Array of length size.
 * @throws {RangeError} for a size or index out of range.
 *
 * @example State 6 of a 3-unit layer
 * ```ts
 * import { stateFromIndex } from "./exact.ts";
 * console.assert(stateFromIndex(6, 3).join(",") === "0,1,1");
 * ```
 */
export function stateFromIndex(index: number, size: number): Uint8Array {
  if (!Number.isInteger(size) || size < 0 || size > 31) {
    throw new RangeError(
      `Cannot build a state as size must be an integer in 0..31: current value is ${size}`,
    );
  }
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** size) {
    throw new RangeError(
      `Cannot build a state as index must be an integer in [0, 2^${size}): current value is ${index}`,
    );
  }
  const state = new Uint8Array(size);
  for (let k = 0; k < size; k++) state[k] = (index >>> k) & 1;
  return state;
}

/**
 * Enumeration of one layer ("enumerated", K units, bias c) with the other layer ("other", L units,
 * bias d) summed analytically. The K units are split into lo = ⌊K/2⌋ low bits and K − lo high bits;
 * the couplings of every low and every high sub-state to the other layer are tabulated, so the
 * field on the other layer for state s = (hi, lo) is d + W·s = hiField[hi] + loField[lo], computed
 * independently for every state (no drift from incremental updates).
 */
interface Enumerator {
  readonly size: number;
  readonly otherSize: number;
  readonly loBits: number;
  readonly hiBits: number;
  /** 2^loBits × L: Σ over set low bits of the coupling rows. */
  readonly loField: Float64Array;
  /** 2^hiBits × L: d + Σ over set high bits of the coupling rows. */
  readonly hiField: Float64Array;
  /** cᵀs restricted to the low bits, per low sub-state. */
  readonly loBias: Float64Array;
  /** cᵀs restricted to the high bits, per high sub-state. */
  readonly hiBias: Float64Array;
}

type Side = "visible" | "hidden";

function makeEnumerator(p: RbmParams64, side: Side): Enumerator {
  const { rows: numVisible, cols: numHidden, data: w } = p.weights;
  const size = side === "visible" ? numVisible : numHidden;
  const otherSize = side === "visible" ? numHidden : numVisible;
  const enumeratedBias = side === "visible" ? p.visibleBias : p.hiddenBias;
  const otherBias = side === "visible" ? p.hiddenBias : p.visibleBias;
  // coupling row k (length L): the weights from enumerated unit k to every unit of the other layer.
  const coupling = new Float64Array(size * otherSize);
  for (let i = 0; i < numVisible; i++) {
    for (let j = 0; j < numHidden; j++) {
      if (side === "visible") coupling[i * numHidden + j] = w[i * numHidden + j];
      else coupling[j * numVisible + i] = w[i * numHidden + j];
    }
  }
  const loBits = Math.floor(size / 2);
  const hiBits = size - loBits;
  const table = (bits: number, offset: number, base: Float64Array | null) => {
    const count = 2 ** bits;
    const field = new Float64Array(count * otherSize);
    const bias = new Float64Array(count);
    if (base !== null) field.set(base, 0);
    for (let s = 1; s < count; s++) {
      const rest = s & (s - 1);
      const k = 31 - Math.clz32(s & -s);
      const from = rest * otherSize;
      const to = s * otherSize;
      const row = (offset + k) * otherSize;
      for (let t = 0; t < otherSize; t++) field[to + t] = field[from + t] + coupling[row + t];
      bias[s] = bias[rest] + enumeratedBias[offset + k];
    }
    return { field, bias };
  };
  const lo = table(loBits, 0, null);
  const hi = table(hiBits, loBits, otherBias);
  return {
    size,
    otherSize,
    loBits,
    hiBits,
    loField: lo.field,
    hiField: hi.field,
    loBias: lo.bias,
    hiBias: hi.bias,
  };
}

/**
 * For the 2^loBits states of high block `hi`, writes −F(s) to logWeight[lo] and, when `fields` is
 * given, the other layer's fields d + W·s to fields[lo·L + t].
 */
function blockLogWeights(
  e: Enumerator,
  hi: number,
  logWeight: Float64Array,
  fields: Float64Array | null,
): void {
  const L = e.otherSize;
  const count = 2 ** e.loBits;
  const hiRow = hi * L;
  const terms = new Float64Array(L);
  for (let lo = 0; lo < count; lo++) {
    const loRow = lo * L;
    for (let t = 0; t < L; t++) {
      const x = e.hiField[hiRow + t] + e.loField[loRow + t];
      terms[t] = softplus(x);
      if (fields !== null) fields[loRow + t] = x;
    }
    logWeight[lo] = e.hiBias[hi] + e.loBias[lo] + sum(terms);
  }
}

function enumeratorLogPartition(e: Enumerator): number {
  const blocks = 2 ** e.hiBits;
  const blockTotals = new Float64Array(blocks);
  const logWeight = new Float64Array(2 ** e.loBits);
  for (let hi = 0; hi < blocks; hi++) {
    blockLogWeights(e, hi, logWeight, null);
    blockTotals[hi] = logSumExp(logWeight);
  }
  return logSumExp(blockTotals);
}

function assertFiniteParams(p: RbmParams64, what: string): void {
  const fields: [string, Float64Array][] = [
    ["p.weights", p.weights.data],
    ["p.visibleBias", p.visibleBias],
    ["p.hiddenBias", p.hiddenBias],
  ];
  for (const [name, values] of fields) {
    for (let k = 0; k < values.length; k++) {
      if (!Number.isFinite(values[k])) {
        throw new RangeError(
          `Cannot ${what} as ${name} must be finite: current value is ${values[k]} at index ${k}`,
        );
      }
    }
  }
}

function smallerSide(p: RbmParams64, what: string): Side {
  assertParams64(p);
  assertFiniteParams(p, what);
  const { rows: numVisible, cols: numHidden } = p.weights;
  const size = Math.min(numVisible, numHidden);
  if (size > MAX_ENUMERATED_UNITS) {
    throw new RangeError(
      `Cannot ${what} as min(numVisible, numHidden) must be at most ${MAX_ENUMERATED_UNITS} for exact enumeration: current value is ${size}`,
    );
  }
  return numVisible <= numHidden ? "visible" : "hidden";
}

function assertBinaryData(data: Matrix64, numVisible: number, what: string): void {
  if (data.cols !== numVisible) {
    throw new RangeError(
      `Cannot ${what} as data must have numVisible = ${numVisible} columns: current value is ${data.cols}`,
    );
  }
  if (!Number.isInteger(data.rows) || data.rows < 1) {
    throw new RangeError(
      `Cannot ${what} as data must have at least one row: current value is ${data.rows}`,
    );
  }
  if (data.data.length !== data.rows * data.cols) {
    throw new RangeError(
      `Cannot ${what} as data.data must hold rows·cols = ${
        data.rows * data.cols
      } entries: current value is ${data.data.length}`,
    );
  }
  for (let k = 0; k < data.data.length; k++) {
    const x = data.data[k];
    if (x !== 0 && x !== 1) {
      throw new RangeError(
        `Cannot ${what} as data entries must be 0 or 1: current value is ${x} at row ${
          Math.floor(k / data.cols)
        }, column ${k % data.cols}`,
      );
    }
  }
}

/**
 * The exact log partition function ln Z = ln Σ_{v,h} e^(−E(v,h)), by enumerating the 2^K states of
 * the smaller layer (K = min(numVisible, numHidden)) and summing the other layer analytically.
 *
 * @param p Parameters (W numVisible×numHidden), all finite.
 * @returns ln Z.
 * @throws {RangeError} for inconsistent shapes, non-finite parameters, or
 *   K > {@link MAX_ENUMERATED_UNITS}.
 *
 * @example A zero-parameter RBM has Z = 2^(N+M)
 * ```ts
 * import { exactLogPartition } from "./exact.ts";
 * import { matrix } from "../linalg/matrix.ts";
 * const p = { weights: matrix(6, 4), visibleBias: new Float64Array(6), hiddenBias: new Float64Array(4) };
 * console.assert(Math.abs(exactLogPartition(p) - 10 * Math.LN2) < 1e-12);
 * ```
 */
export function exactLogPartition(p: RbmParams64): number {
  const side = smallerSide(p, "compute ln Z");
  return enumeratorLogPartition(makeEnumerator(p, side));
}

/**
 * The exact mean log-likelihood (1/R) Σᵣ ln p(vʳ) = −(1/R) Σᵣ F(vʳ) − ln Z over the R rows of data.
 *
 * @param p Parameters (W numVisible×numHidden), all finite.
 * @param data Binary states, shape R×numVisible (R ≥ 1, entries 0 or 1).
 * @returns The mean log-likelihood in nats per row.
 * @throws {RangeError} for bad shapes, non-binary data, or a layer too large to enumerate.
 *
 * @example Mean log-likelihood under the uniform model is −N ln 2
 * ```ts
 * import { exactLogLikelihood } from "./exact.ts";
 * import { matrix } from "../linalg/matrix.ts";
 * const p = { weights: matrix(3, 2), visibleBias: new Float64Array(3), hiddenBias: new Float64Array(2) };
 * const data = matrix(2, 3, [1, 0, 1, 0, 0, 0]);
 * console.assert(Math.abs(exactLogLikelihood(p, data) + 3 * Math.LN2) < 1e-12);
 * ```
 */
export function exactLogLikelihood(p: RbmParams64, data: Matrix64): number {
  const what = "compute the exact log-likelihood";
  const side = smallerSide(p, what);
  const numVisible = p.weights.rows;
  assertBinaryData(data, numVisible, what);
  const negativeFree = new Float64Array(data.rows);
  for (let r = 0; r < data.rows; r++) {
    const v = data.data.subarray(r * numVisible, (r + 1) * numVisible);
    negativeFree[r] = -freeEnergy(p, v);
  }
  return sum(negativeFree) / data.rows - enumeratorLogPartition(makeEnumerator(p, side));
}

/**
 * Exact model moments ⟨v⟩, ⟨h⟩ and ⟨v hᵀ⟩ under p(v, h) = e^(−E)/Z, by enumerating the smaller
 * layer: when the visible layer is enumerated, ⟨h | v⟩ = σ(b + Wᵀv) is used analytically (and
 * symmetrically when the hidden layer is enumerated).
 *
 * @param p Parameters (W numVisible×numHidden), all finite.
 * @returns The moments and ln Z.
 * @throws {RangeError} for inconsistent shapes, non-finite parameters, or a layer too large to
 *   enumerate.
 *
 * @example Zero parameters: every unit is on with probability ½
 * ```ts
 * import { exactModelMoments } from "./exact.ts";
 * import { matrix } from "../linalg/matrix.ts";
 * const p = { weights: matrix(3, 2), visibleBias: new Float64Array(3), hiddenBias: new Float64Array(2) };
 * const m = exactModelMoments(p);
 * console.assert(Math.abs(m.visibleMean[0] - 0.5) < 1e-15);
 * console.assert(Math.abs(m.visibleHiddenMean.data[0] - 0.25) < 1e-15);
 * ```
 */
export function exactModelMoments(p: RbmParams64): ModelMoments64 {
  const side = smallerSide(p, "compute the exact model moments");
  const e = makeEnumerator(p, side);
  const K = e.size;
  const L = e.otherSize;
  const perBlock = 2 ** e.loBits;
  const blocks = 2 ** e.hiBits;
  // One pass. Each block's moments are normalized by the block's own log-sum; the running totals
  // are kept normalized by the running log-sum of the blocks seen so far and rescaled as it grows.
  // Layout: s-mean (K), t-mean (L), cross K×L = ⟨s σ(field)ᵀ⟩ for enumerated s, other layer t.
  const meanS = new Float64Array(K);
  const meanT = new Float64Array(L);
  const cross = new Float64Array(K * L);
  const blockS = new Float64Array(K);
  const blockT = new Float64Array(L);
  const blockCross = new Float64Array(K * L);
  const blockLogSums = new Float64Array(blocks);
  const logWeight = new Float64Array(perBlock);
  const fields = new Float64Array(perBlock * L);
  const weighted = new Float64Array(L);
  let runningLog = -Infinity;
  for (let hi = 0; hi < blocks; hi++) {
    blockLogWeights(e, hi, logWeight, fields);
    const blockLog = logSumExp(logWeight);
    blockLogSums[hi] = blockLog;
    blockS.fill(0);
    blockT.fill(0);
    blockCross.fill(0);
    for (let lo = 0; lo < perBlock; lo++) {
      const prob = Math.exp(logWeight[lo] - blockLog);
      if (prob === 0) continue;
      const row = lo * L;
      for (let t = 0; t < L; t++) {
        weighted[t] = prob * sigmoid(fields[row + t]);
        blockT[t] += weighted[t];
      }
      const s = hi * perBlock + lo;
      for (let k = 0; k < K; k++) {
        if (((s >>> k) & 1) === 0) continue;
        blockS[k] += prob;
        const kRow = k * L;
        for (let t = 0; t < L; t++) blockCross[kRow + t] += weighted[t];
      }
    }
    const nextLog = logAddExp(runningLog, blockLog);
    const keep = Math.exp(runningLog - nextLog);
    const add = Math.exp(blockLog - nextLog);
    for (let k = 0; k < K; k++) meanS[k] = meanS[k] * keep + blockS[k] * add;
    for (let t = 0; t < L; t++) meanT[t] = meanT[t] * keep + blockT[t] * add;
    for (let k = 0; k < K * L; k++) cross[k] = cross[k] * keep + blockCross[k] * add;
    runningLog = nextLog;
  }
  // The same ln Z as exactLogPartition (bit for bit); the totals are renormalized to it.
  const logPartition = logSumExp(blockLogSums);
  const correction = Math.exp(runningLog - logPartition);
  for (let k = 0; k < K; k++) meanS[k] *= correction;
  for (let t = 0; t < L; t++) meanT[t] *= correction;
  for (let k = 0; k < K * L; k++) cross[k] *= correction;
  if (side === "visible") {
    return {
      visibleMean: meanS,
      hiddenMean: meanT,
      visibleHiddenMean: matrix(K, L, cross),
      logPartition,
    };
  }
  // Enumerated hidden: cross is numHidden×numVisible; transpose to numVisible×numHidden.
  const transposed = new Float64Array(L * K);
  for (let k = 0; k < K; k++) {
    for (let t = 0; t < L; t++) transposed[t * K + k] = cross[k * L + t];
  }
  return {
    visibleMean: meanT,
    hiddenMean: meanS,
    visibleHiddenMean: matrix(L, K, transposed),
    logPartition,
  };
}

/**
 * The exact gradient of the mean log-likelihood (1/R) Σᵣ ln p(vʳ) with respect to (W, a, b):
 * ∂/∂W = ⟨v σ(b + Wᵀv)ᵀ⟩_data − ⟨v hᵀ⟩_model, ∂/∂a = ⟨v⟩_data − ⟨v⟩_model,
 * ∂/∂b = ⟨σ(b + Wᵀv)⟩_data − ⟨h⟩_model; the data term uses p(h = 1 | v), the model term is exact
 * enumeration ({@link exactModelMoments}). Ascending this gradient increases the likelihood.
 *
 * @param p Parameters (W numVisible×numHidden), all finite.
 * @param data Binary states, shape R×numVisible (R ≥ 1, entries 0 or 1).
 * @returns The gradient, with the shapes of the parameters.
 * @throws {RangeError} for bad shapes, non-binary data, or a layer too large to enumerate.
 *
 * @example The bias gradient of a zero model on the all-ones state
 * ```ts
 * import { exactGradient } from "./exact.ts";
 * import { matrix } from "../linalg/matrix.ts";
 * const p = { weights: matrix(2, 1), visibleBias: new Float64Array(2), hiddenBias: new Float64Array(1) };
 * const g = exactGradient(p, matrix(1, 2, [1, 1]));
 * console.assert(Math.abs(g.visibleBias[0] - 0.5) < 1e-15); // 1 − ½
 * console.assert(Math.abs(g.hiddenBias[0]) < 1e-15); // ½ − ½
 * ```
 */
export function exactGradient(p: RbmParams64, data: Matrix64): RbmGradient64 {
  const what = "compute the exact gradient";
  smallerSide(p, what);
  const { rows: numVisible, cols: numHidden, data: w } = p.weights;
  assertBinaryData(data, numVisible, what);
  const model = exactModelMoments(p);
  const gradW = new Float64Array(numVisible * numHidden);
  const gradA = new Float64Array(numVisible);
  const gradB = new Float64Array(numHidden);
  const prob = new Float64Array(numHidden);
  for (let r = 0; r < data.rows; r++) {
    const offset = r * numVisible;
    prob.set(p.hiddenBias);
    for (let i = 0; i < numVisible; i++) {
      if (data.data[offset + i] === 0) continue;
      const row = i * numHidden;
      for (let j = 0; j < numHidden; j++) prob[j] += w[row + j];
    }
    for (let j = 0; j < numHidden; j++) {
      prob[j] = sigmoid(prob[j]);
      gradB[j] += prob[j];
    }
    for (let i = 0; i < numVisible; i++) {
      if (data.data[offset + i] === 0) continue;
      gradA[i] += 1;
      const row = i * numHidden;
      for (let j = 0; j < numHidden; j++) gradW[row + j] += prob[j];
    }
  }
  const scale = 1 / data.rows;
  const modelW = model.visibleHiddenMean.data;
  for (let k = 0; k < gradW.length; k++) gradW[k] = gradW[k] * scale - modelW[k];
  for (let i = 0; i < numVisible; i++) gradA[i] = gradA[i] * scale - model.visibleMean[i];
  for (let j = 0; j < numHidden; j++) gradB[j] = gradB[j] * scale - model.hiddenMean[j];
  return { weights: matrix(numVisible, numHidden, gradW), visibleBias: gradA, hiddenBias: gradB };
}

/**
 * The exact marginal law of the visible layer: probability[s] = p(v = stateFromIndex(s, N)) =
 * e^(−F(v))/Z for all 2^N states (unit i = bit i of s). Meant for sampler tests, e.g. the
 * total-variation distance of a Gibbs chain's empirical law to this one.
 *
 * @param p Parameters (W numVisible×numHidden), all finite, numVisible ≤
 *   {@link MAX_DISTRIBUTION_UNITS} (numHidden may be large: it is summed analytically).
 * @returns A Float64Array of length 2^numVisible that sums to 1 up to rounding.
 * @throws {RangeError} for inconsistent shapes, non-finite parameters, or numVisible too large.
 *
 * @example A model that prefers the first visible unit on
 * ```ts
 * import { exactVisibleDistribution, stateIndex } from "./exact.ts";
 * import { matrix } from "../linalg/matrix.ts";
 * const p = { weights: matrix(2, 1), visibleBias: new Float64Array([Math.log(3), 0]), hiddenBias: new Float64Array(1) };
 * const probability = exactVisibleDistribution(p);
 * // p(v₀ = 1) = 3/4 independently of v₁, so p(v = [1, 0]) = 3/8.
 * console.assert(Math.abs(probability[stateIndex(new Uint8Array([1, 0]))] - 3 / 8) < 1e-15);
 * ```
 */
export function exactVisibleDistribution(p: RbmParams64): Float64Array {
  const what = "compute the exact visible distribution";
  assertParams64(p);
  assertFiniteParams(p, what);
  const numVisible = p.weights.rows;
  if (numVisible > MAX_DISTRIBUTION_UNITS) {
    throw new RangeError(
      `Cannot ${what} as numVisible must be at most ${MAX_DISTRIBUTION_UNITS}: current value is ${numVisible}`,
    );
  }
  const e = makeEnumerator(p, "visible");
  const perBlock = 2 ** e.loBits;
  const blocks = 2 ** e.hiBits;
  const logWeight = new Float64Array(perBlock * blocks);
  for (let hi = 0; hi < blocks; hi++) {
    blockLogWeights(e, hi, logWeight.subarray(hi * perBlock, (hi + 1) * perBlock), null);
  }
  const logPartition = logSumExp(logWeight);
  for (let s = 0; s < logWeight.length; s++) logWeight[s] = Math.exp(logWeight[s] - logPartition);
  return logWeight;
}
