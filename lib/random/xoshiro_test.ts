import assert from "node:assert/strict";
import { deriveSeed, Rng } from "./xoshiro.ts";

const reference = JSON.parse(
  await Deno.readTextFile(new URL("../../fixtures/random/xoshiro_reference.json", import.meta.url)),
) as { state: [number, number, number, number]; outputs: number[] };

Deno.test("Rng.nextUint32() reproduces the xoshiro128** reference sequence", () => {
  // Reference: fixtures/random/xoshiro_reference.py, a transcription of the authors' C code.
  const rng = Rng.fromState({ words: reference.state, spareNormal: null });
  assert.deepEqual(reference.outputs.map(() => rng.nextUint32()), reference.outputs);
});

Deno.test("Rng.fillUniform() uses the top 24 bits of the same sequence", () => {
  const rng = Rng.fromState({ words: reference.state, spareNormal: null });
  const out = rng.fillUniform(new Float32Array(reference.outputs.length));
  assert.deepEqual(Array.from(out, (u) => u * 2 ** 24), reference.outputs.map((x) => x >>> 8));
});

Deno.test("Rng state round-trips, so a restored generator continues the same stream", () => {
  const a = new Rng(99);
  a.nextNormal(); // leaves a spare normal in the state
  const b = Rng.fromState(a.state());
  assert.deepEqual([a.nextNormal(), a.nextDouble(), a.nextUint32()], [
    b.nextNormal(),
    b.nextDouble(),
    b.nextUint32(),
  ]);
  assert.throws(() => Rng.fromState({ words: [0, 0, 0, 0], spareNormal: null }), /all-zero/);
});

Deno.test("Rng draws have the right moments (pinned seed 5; tolerances ≈ 6σ)", () => {
  const rng = new Rng(5);
  const n = 200_000;
  let sum = 0, sumSq = 0, normalSq = 0, normalFourth = 0;
  for (let i = 0; i < n; i++) {
    const u = rng.nextDouble();
    sum += u;
    sumSq += u * u;
    const z = rng.nextNormal();
    normalSq += z * z;
    normalFourth += z ** 4;
  }
  assert.ok(Math.abs(sum / n - 0.5) < 6 * Math.sqrt(1 / 12 / n));
  assert.ok(Math.abs(sumSq / n - 1 / 3) < 0.005);
  assert.ok(Math.abs(normalSq / n - 1) < 6 * Math.sqrt(2 / n));
  assert.ok(Math.abs(normalFourth / n - 3) < 6 * Math.sqrt(96 / n));
});

Deno.test("deriveSeed() depends on every label and rejects non-integers", () => {
  const seeds = new Set([
    deriveSeed(1, 64, 1),
    deriveSeed(1, 64, 2),
    deriveSeed(1, 32, 1),
    deriveSeed(2, 64, 1),
  ]);
  assert.equal(seeds.size, 4);
  assert.equal(deriveSeed(1, 64, 1), deriveSeed(1, 64, 1));
  assert.throws(() => deriveSeed(1, 0.5), /labels must be integers/);
});
