/**
 * Timings of the SVD paths on the paper's shapes (784×500 and 784×64, entries N(0, 0.01²) plus
 * five spikes of size 40/k, like a trained W). Run: `deno bench -A lib/linalg/svd_bench.ts`.
 *
 * @module
 */
import { Matrix, SingularValueDecomposition } from "../deps.ts";
import { Rng } from "../random/mod.ts";
import { matrix, type Matrix64 } from "./matrix.ts";
import { singularValues, svd, topSingularValues } from "./svd.ts";

function spiked(n: number, m: number, seed: number): Matrix64 {
  const rng = new Rng(seed);
  const w = matrix(n, m);
  for (let i = 0; i < w.data.length; i++) w.data[i] = 0.01 * rng.nextNormal();
  for (let k = 1; k <= 5; k++) {
    const a = Array.from({ length: n }, () => rng.nextNormal());
    const b = Array.from({ length: m }, () => rng.nextNormal());
    const scale = 40 / k / Math.sqrt(n * m);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) w.data[i * m + j] += scale * a[i] * b[j];
    }
  }
  return w;
}

for (const [n, m] of [[784, 500], [784, 64]]) {
  const w = spiked(n, m, 1);
  const group = `${n}x${m}`;
  Deno.bench(`svd() full ${group}`, { group, n: 3, warmup: 1 }, () => {
    svd(w);
  });
  Deno.bench(`singularValues() ${group}`, { group, baseline: true, n: 5, warmup: 1 }, () => {
    singularValues(w);
  });
  Deno.bench(`topSingularValues(w, 20) ${group}`, { group, n: 5, warmup: 1 }, () => {
    topSingularValues(w, 20);
  });
  Deno.bench(`ml-matrix values-only ${group}`, { group, n: 5, warmup: 1 }, () => {
    new SingularValueDecomposition(Matrix.from1DArray(n, m, w.data), {
      computeLeftSingularVectors: false,
      computeRightSingularVectors: false,
    });
  });
}
