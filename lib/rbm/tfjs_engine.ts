/**
 * The tfjs implementation of {@link RbmEngine}: Float32 kernels on the wasm (default) or cpu backend.
 * Gibbs noise is generated in bulk by our own xoshiro128** and uploaded per half-step; matrix
 * products never use matMul's transpose flags (a 10× slow path on wasm): Wᵀ and the batch
 * transposes are materialized explicitly.
 *
 * @module
 */

import { tf } from "../deps.ts";
import type { Rng } from "../random/mod.ts";
import {
  type OptimizerState,
  PARAMETER_NAMES,
  type RbmEngine,
  type TrainingState,
  type UpdateRule,
} from "./engine.ts";
import type { RbmParameters } from "./params.ts";
import { assertPositiveInteger } from "./params.ts";

type ParameterName = typeof PARAMETER_NAMES[number];
type Tensors = Record<ParameterName, tf.Tensor>;

/** Throws unless `array` holds `count` rows of `numVisible` values. */
function assertBatch(array: Float32Array, count: number, numVisible: number, what: string): void {
  assertPositiveInteger(`${what} count`, count);
  if (array.length < count * numVisible) {
    throw new RangeError(
      `Cannot use ${what} as it must hold ${count}×${numVisible} values: current value is ${array.length}`,
    );
  }
}

/**
 * Creates a tfjs engine for one model. Call `load` before `update`.
 *
 * @example One PCD-1 update on a tiny model
 * ```ts
 * import { createTfjsEngine } from "./tfjs_engine.ts";
 * import { initialOptimizerState } from "./engine.ts";
 * import { gaussianInit } from "./params.ts";
 * import { Rng } from "../random/mod.ts";
 * import { initBackend } from "./backend.ts";
 * await initBackend("cpu");
 * const rng = new Rng(1);
 * const params = gaussianInit(4, 3, rng);
 * const rule = {
 *   method: "pcd", gibbsSteps: 1, numChains: 2, weightDecay: 0,
 *   optimizer: { kind: "adam", learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
 * } as const;
 * const engine = createTfjsEngine(4, 3, rule);
 * engine.load({ params, chains: new Float32Array(8), optimizer: initialOptimizerState(rule.optimizer, params) });
 * engine.update(new Float32Array([1, 0, 1, 0, 0, 1, 0, 1]), 2, rng);
 * console.assert(engine.snapshot().optimizer.step === 1);
 * engine.dispose();
 * ```
 */
export function createTfjsEngine(
  numVisible: number,
  numHidden: number,
  rule: UpdateRule,
): RbmEngine {
  return new TfjsEngine(numVisible, numHidden, rule);
}

/** A Float32Array copy of a tensor's values (the cpu backend may hold casts as other typed arrays). */
function hostFloat32(t: tf.Tensor): Float32Array {
  const values = t.dataSync();
  return values instanceof Float32Array
    ? values.slice()
    : Float32Array.from(values as ArrayLike<number>);
}

class TfjsEngine implements RbmEngine {
  readonly name: string;
  readonly numVisible: number;
  readonly numHidden: number;
  readonly #rule: UpdateRule;
  #params: Tensors | null = null;
  #chains: tf.Tensor2D | null = null;
  #slots: Record<string, tf.Tensor> = {};
  #step = 0;
  #hiddenNoise = new Float32Array(0);
  #visibleNoise = new Float32Array(0);

  constructor(numVisible: number, numHidden: number, rule: UpdateRule) {
    assertPositiveInteger("numVisible", numVisible);
    assertPositiveInteger("numHidden", numHidden);
    assertPositiveInteger("numChains", rule.numChains);
    if (!Number.isInteger(rule.gibbsSteps) || rule.gibbsSteps < 1) {
      throw new RangeError(
        `Cannot create engine as gibbsSteps must be an integer ≥ 1: current value is ${rule.gibbsSteps}`,
      );
    }
    this.numVisible = numVisible;
    this.numHidden = numHidden;
    this.#rule = rule;
    this.name = `tfjs-${tf.getBackend()}`;
  }

  load(state: TrainingState): void {
    const p = state.params;
    if (p.numVisible !== this.numVisible || p.numHidden !== this.numHidden) {
      throw new RangeError(
        `Cannot load parameters as the engine is ${this.numVisible}×${this.numHidden}: current value is ${p.numVisible}×${p.numHidden}`,
      );
    }
    this.#disposeState();
    this.#params = {
      weights: tf.tensor2d(p.weights.slice(), [this.numVisible, this.numHidden]),
      visibleBias: tf.tensor1d(p.visibleBias.slice()),
      hiddenBias: tf.tensor1d(p.hiddenBias.slice()),
    };
    if (this.#rule.method === "pcd") {
      if (state.chains === null) {
        throw new RangeError(
          "Cannot load a PCD state as it has no persistent chains: current value is null",
        );
      }
      assertBatch(state.chains, this.#rule.numChains, this.numVisible, "persistent chains");
      this.#chains = tf.tensor2d(state.chains.slice(0, this.#rule.numChains * this.numVisible), [
        this.#rule.numChains,
        this.numVisible,
      ]);
    }
    for (const [name, values] of Object.entries(state.optimizer.slots)) {
      const shape = this.#params[name.slice(name.indexOf(".") + 1) as ParameterName].shape;
      this.#slots[name] = tf.tensor(values.slice(), shape);
    }
    this.#step = state.optimizer.step;
  }

  snapshot(): TrainingState {
    const p = this.#requireParams();
    const params: RbmParameters = {
      numVisible: this.numVisible,
      numHidden: this.numHidden,
      weights: hostFloat32(p.weights),
      visibleBias: hostFloat32(p.visibleBias),
      hiddenBias: hostFloat32(p.hiddenBias),
    };
    const slots: Record<string, Float32Array> = {};
    for (const [name, t] of Object.entries(this.#slots)) {
      slots[name] = t.dataSync().slice() as Float32Array;
    }
    const optimizer: OptimizerState = { step: this.#step, slots };
    const chains = this.#chains === null ? null : hostFloat32(this.#chains);
    return { params, chains, optimizer };
  }

  update(batch: Float32Array, batchSize: number, rng: Rng): void {
    assertBatch(batch, batchSize, this.numVisible, "batch");
    const p = this.#requireParams();
    const rule = this.#rule;
    const data = tf.tensor2d(batch.subarray(0, batchSize * this.numVisible), [
      batchSize,
      this.numVisible,
    ]);
    const weightsT = tf.transpose(p.weights) as tf.Tensor2D;
    const start = rule.method === "pcd" ? this.#chains! : data;
    const chains = this.#gibbs(start, weightsT, rule.gibbsSteps, rng);
    const grads = tf.tidy(() => {
      const numChains = chains.shape[0];
      const hiddenData = this.#hiddenProbabilities(data);
      const hiddenModel = this.#hiddenProbabilities(chains);
      const positive = tf.div(tf.matMul(tf.transpose(data), hiddenData), batchSize);
      const negative = tf.div(tf.matMul(tf.transpose(chains), hiddenModel), numChains);
      let weights = tf.sub(positive, negative);
      if (rule.weightDecay !== 0) weights = tf.sub(weights, tf.mul(p.weights, rule.weightDecay));
      return {
        weights,
        visibleBias: tf.sub(tf.mean(data, 0), tf.mean(chains, 0)),
        hiddenBias: tf.sub(tf.mean(hiddenData, 0), tf.mean(hiddenModel, 0)),
      } as Tensors;
    });
    if (rule.method === "pcd") {
      this.#chains!.dispose();
      this.#chains = chains;
    } else {
      chains.dispose();
    }
    data.dispose();
    weightsT.dispose();
    this.#applyOptimizer(grads);
    for (const name of PARAMETER_NAMES) grads[name].dispose();
  }

  parametersAreFinite(): boolean {
    const p = this.#requireParams();
    const total = tf.tidy(() =>
      tf.addN(PARAMETER_NAMES.map((name) => tf.sum(tf.abs(p[name])))).dataSync()[0]
    );
    return Number.isFinite(total);
  }

  weights(): Float32Array {
    return hostFloat32(this.#requireParams().weights);
  }

  reconstructionError(v: Float32Array, count: number): number {
    assertBatch(v, count, this.numVisible, "reconstruction input");
    const p = this.#requireParams();
    return tf.tidy(() => {
      const visible = tf.tensor2d(v.subarray(0, count * this.numVisible), [count, this.numVisible]);
      const hidden = this.#hiddenProbabilities(visible);
      const weightsT = tf.transpose(p.weights);
      const reconstruction = tf.sigmoid(tf.add(tf.matMul(hidden, weightsT), p.visibleBias));
      return tf.mean(tf.squaredDifference(visible, reconstruction)).dataSync()[0];
    });
  }

  freeEnergy(v: Float32Array, count: number): Float64Array {
    assertBatch(v, count, this.numVisible, "free-energy input");
    const p = this.#requireParams();
    const values = tf.tidy(() => {
      const visible = tf.tensor2d(v.subarray(0, count * this.numVisible), [count, this.numVisible]);
      const field = tf.add(tf.matMul(visible, p.weights), p.hiddenBias);
      const visibleTerm = tf.reshape(
        tf.matMul(visible, tf.reshape(p.visibleBias, [this.numVisible, 1])),
        [count],
      );
      return tf.neg(tf.add(visibleTerm, tf.sum(tf.softplus(field), 1))).dataSync();
    });
    return Float64Array.from(values);
  }

  sample(v: Float32Array, count: number, steps: number, rng: Rng): Float32Array {
    assertBatch(v, count, this.numVisible, "sampler start");
    if (!Number.isInteger(steps) || steps < 0) {
      throw new RangeError(
        `Cannot sample as steps must be an integer ≥ 0: current value is ${steps}`,
      );
    }
    const start = tf.tensor2d(v.slice(0, count * this.numVisible), [count, this.numVisible]);
    const weightsT = tf.transpose(this.#requireParams().weights) as tf.Tensor2D;
    const end = this.#gibbs(start, weightsT, steps, rng);
    const out = hostFloat32(end);
    for (const t of new Set([start, end, weightsT])) t.dispose();
    return out;
  }

  dispose(): void {
    this.#disposeState();
  }

  #requireParams(): Tensors {
    if (this.#params === null) {
      throw new Error(
        "Cannot use the engine as no state is loaded: current value is null (call load first)",
      );
    }
    return this.#params;
  }

  #hiddenProbabilities(v: tf.Tensor): tf.Tensor2D {
    const p = this.#requireParams();
    return tf.sigmoid(tf.add(tf.matMul(v as tf.Tensor2D, p.weights as tf.Tensor2D), p.hiddenBias));
  }

  /** k Gibbs sweeps v → h → v; returns a new tensor (or `start` itself when steps = 0). */
  #gibbs(start: tf.Tensor2D, weightsT: tf.Tensor2D, steps: number, rng: Rng): tf.Tensor2D {
    const p = this.#requireParams();
    const rows = start.shape[0];
    const hiddenSize = rows * this.numHidden;
    const visibleSize = rows * this.numVisible;
    if (this.#hiddenNoise.length !== hiddenSize) this.#hiddenNoise = new Float32Array(hiddenSize);
    if (this.#visibleNoise.length !== visibleSize) {
      this.#visibleNoise = new Float32Array(visibleSize);
    }
    let v = start;
    for (let s = 0; s < steps; s++) {
      rng.fillUniform(this.#hiddenNoise);
      rng.fillUniform(this.#visibleNoise);
      const next = tf.tidy(() => {
        const hiddenProb = this.#hiddenProbabilities(v);
        const hidden = tf.cast(
          tf.less(tf.tensor2d(this.#hiddenNoise, [rows, this.numHidden]), hiddenProb),
          "float32",
        );
        const visibleProb = tf.sigmoid(
          tf.add(tf.matMul(hidden as tf.Tensor2D, weightsT), p.visibleBias),
        );
        return tf.cast(
          tf.less(tf.tensor2d(this.#visibleNoise, [rows, this.numVisible]), visibleProb),
          "float32",
        ) as tf.Tensor2D;
      });
      if (v !== start) v.dispose();
      v = next;
    }
    return steps === 0 ? tf.clone(start) : v;
  }

  #applyOptimizer(grads: Tensors): void {
    const p = this.#requireParams();
    const config = this.#rule.optimizer;
    this.#step += 1;
    const next = {} as Tensors;
    const nextSlots: Record<string, tf.Tensor> = {};
    tf.tidy(() => {
      for (const name of PARAMETER_NAMES) {
        const g = grads[name];
        let step: tf.Tensor;
        if (config.kind === "adam") {
          const m = tf.add(
            tf.mul(this.#slots[`m.${name}`], config.beta1),
            tf.mul(g, 1 - config.beta1),
          );
          const s = tf.add(
            tf.mul(this.#slots[`v.${name}`], config.beta2),
            tf.mul(tf.square(g), 1 - config.beta2),
          );
          const mHat = tf.div(m, 1 - Math.pow(config.beta1, this.#step));
          const sHat = tf.div(s, 1 - Math.pow(config.beta2, this.#step));
          step = tf.mul(tf.div(mHat, tf.add(tf.sqrt(sHat), config.epsilon)), config.learningRate);
          nextSlots[`m.${name}`] = tf.keep(m);
          nextSlots[`v.${name}`] = tf.keep(s);
        } else {
          const velocity = tf.add(tf.mul(this.#slots[`velocity.${name}`], config.momentum), g);
          step = tf.mul(velocity, config.learningRate);
          nextSlots[`velocity.${name}`] = tf.keep(velocity);
        }
        next[name] = tf.keep(tf.add(p[name], step));
      }
    });
    for (const t of Object.values(this.#slots)) t.dispose();
    for (const name of PARAMETER_NAMES) p[name].dispose();
    this.#slots = nextSlots;
    this.#params = next;
  }

  #disposeState(): void {
    if (this.#params !== null) { for (const name of PARAMETER_NAMES) this.#params[name].dispose(); }
    this.#params = null;
    this.#chains?.dispose();
    this.#chains = null;
    for (const t of Object.values(this.#slots)) t.dispose();
    this.#slots = {};
  }
}
