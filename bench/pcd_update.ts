/**
 * `deno task bench`: one PCD-10 update (784×500, batch 500, 500 chains, Adam) and the SVDs of a
 * 784×500 W, ours next to the numpy reference peer (../shared/peers/numpy_rbm.py) in the same run,
 * printed with ratios. Speed targets live here, never in timed tests.
 */
import { fileURLToPath } from "node:url";
import { matrix } from "../lib/linalg/matrix.ts";
import { singularValues, svd } from "../lib/linalg/svd.ts";
import { Rng } from "../lib/random/mod.ts";
import { initBackend } from "../lib/rbm/backend.ts";
import { initialOptimizerState, type UpdateRule } from "../lib/rbm/engine.ts";
import { gaussianInit } from "../lib/rbm/params.ts";
import { createTfjsEngine } from "../lib/rbm/tfjs_engine.ts";

const REPEATS = 5;
const [N, M, BATCH, CHAINS, K] = [784, 500, 500, 500, 10];

interface Timing {
  min: number;
  median: number;
  max: number;
}

function timeIt(fn: () => void, repeats = REPEATS): Timing {
  fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { min: times[0], median: times[Math.floor(times.length / 2)], max: times.at(-1)! };
}

async function peer(args: string[]): Promise<Timing | string> {
  const script = fileURLToPath(new URL("../../shared/peers/numpy_rbm.py", import.meta.url));
  try {
    await Deno.stat(script);
  } catch {
    return `peer script not found at ${script}`;
  }
  const env = { ...Deno.env.toObject() };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  try {
    const out = await new Deno.Command("python3", {
      args: [script, ...args, "--repeats", String(REPEATS)],
      env,
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) {
      return `peer failed: ${new TextDecoder().decode(out.stderr).trim().split("\n").at(-1)}`;
    }
    return JSON.parse(new TextDecoder().decode(out.stdout).trim().split("\n").at(-1)!).ms as Timing;
  } catch (error) {
    return `peer unavailable: ${(error as Error).message}`;
  }
}

function row(task: string, ours: Timing, theirs: Timing | string, flop?: number): string {
  const gflops = flop === undefined ? "" : ` (${(flop / ours.median / 1e6).toFixed(1)} GFLOP/s)`;
  const peerText = typeof theirs === "string" ? theirs : `${theirs.median.toFixed(1)} ms`;
  const ratio = typeof theirs === "string" ? "–" : `${(ours.median / theirs.median).toFixed(2)}×`;
  return `${task.padEnd(34)} ${`${ours.median.toFixed(1)} ms${gflops}`.padEnd(28)} ${
    peerText.padEnd(14)
  } ${ratio}`;
}

const backend = await initBackend("wasm");
const rng = new Rng(0);
const params = gaussianInit(N, M, rng);
const rule: UpdateRule = {
  method: "pcd",
  gibbsSteps: K,
  numChains: CHAINS,
  weightDecay: 0,
  optimizer: { kind: "adam", learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
};
const engine = createTfjsEngine(N, M, rule);
const chains = Float32Array.from({ length: CHAINS * N }, () => (rng.nextDouble() < 0.5 ? 1 : 0));
engine.load({ params, chains, optimizer: initialOptimizerState(rule.optimizer, params) });
const data = Float32Array.from({ length: BATCH * N }, () => (rng.nextDouble() < 0.13 ? 1 : 0));
const ours = timeIt(() => engine.update(data, BATCH, rng));
engine.dispose();
const flop = 2 * N * M * (BATCH + CHAINS * (2 * K + 1) + BATCH + CHAINS);

const w = matrix(N, M, Float64Array.from({ length: N * M }, () => 0.01 * rng.nextNormal()));
const oursValues = timeIt(() => singularValues(w));
const oursFull = timeIt(() => svd(w), 3);

const [peerPcd, peerValues, peerFull] = [
  await peer([
    "pcd",
    "--visible",
    `${N}`,
    "--hidden",
    `${M}`,
    "--batch",
    `${BATCH}`,
    "--chains",
    `${CHAINS}`,
    "--k",
    `${K}`,
  ]),
  await peer(["svd", "--rows", `${N}`, "--cols", `${M}`, "--values-only"]),
  await peer(["svd", "--rows", `${N}`, "--cols", `${M}`]),
];

console.log(
  `backend: tfjs-${backend.active} ${backend.tfjsVersion}; Deno ${Deno.version.deno}; median of ${REPEATS}`,
);
console.log(`${"task".padEnd(34)} ${"ours".padEnd(28)} ${"numpy peer".padEnd(14)} ours/numpy`);
console.log(row(`PCD-${K} update ${N}×${M} b${BATCH} c${CHAINS}`, ours, peerPcd, flop));
console.log(row(`singular values ${N}×${M}`, oursValues, peerValues));
console.log(row(`full SVD ${N}×${M}`, oursFull, peerFull));
