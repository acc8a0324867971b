import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { fc } from "../deps.ts";
import { parseIdx, parseIdxImages, parseIdxLabels } from "./idx.ts";
import { idxBytes, TINY_TRAIN_LABELS, tinyImages } from "../../scripts/make_idx_fixtures.ts";

const FIXTURES = fileURLToPath(new URL("../../fixtures/idx/", import.meta.url));

function fixture(path: string): { name: string; bytes: Uint8Array } {
  return { name: FIXTURES + path, bytes: Deno.readFileSync(FIXTURES + path) };
}

/** Asserts that `fn` throws an Error whose message starts with "Cannot", names `name` and matches `pattern`. */
function assertThrowsNaming(fn: () => unknown, name: string, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof Error, `expected an Error, got ${String(error)}`);
    assert.match(error.message, /^Cannot /);
    assert.ok(error.message.includes(name), `message does not name ${name}: ${error.message}`);
    assert.match(error.message, pattern);
    assert.match(error.message, /current value is/);
    return true;
  });
}

Deno.test("parseIdx() reads the tiny fixtures", async (t) => {
  await t.step("images: dims [5, 4, 4] and the generator's pixels", () => {
    const { name, bytes } = fixture("tiny/train-images-idx3-ubyte");
    const { dims, data } = parseIdx(bytes, name);
    assert.deepEqual(dims, [5, 4, 4]);
    assert.deepEqual(data, tinyImages("train"));
  });
  await t.step("labels: dims [5] and the fixed labels", () => {
    const { name, bytes } = fixture("tiny/train-labels-idx1-ubyte");
    const { dims, data } = parseIdx(bytes, name);
    assert.deepEqual(dims, [5]);
    assert.deepEqual([...data], TINY_TRAIN_LABELS);
  });
  await t.step("data is a zero-copy view after the header", () => {
    const { name, bytes } = fixture("tiny/t10k-images-idx3-ubyte");
    const { data } = parseIdx(bytes, name);
    assert.equal(data.buffer, bytes.buffer);
    assert.equal(data.byteOffset, bytes.byteOffset + 16);
  });
  await t.step("parseIdxImages() and parseIdxLabels() give count, rows, cols", () => {
    const images = parseIdxImages(fixture("tiny/t10k-images-idx3-ubyte").bytes, "t10k");
    assert.deepEqual([images.count, images.rows, images.cols, images.data.length], [3, 4, 4, 48]);
    const labels = parseIdxLabels(fixture("tiny/t10k-labels-idx1-ubyte").bytes, "t10k");
    assert.deepEqual([labels.count, ...labels.data], [3, 7, 2, 1]);
  });
});

Deno.test("parseIdx() round-trips any unsigned-byte IDX array", () => {
  const dimsArb = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 4 });
  fc.assert(
    fc.property(dimsArb, fc.integer({ min: 0, max: 255 }), (dims, fill) => {
      const size = dims.reduce((a, b) => a * b, 1);
      const data = new Uint8Array(size).map((_, i) => (fill + i) & 255);
      const parsed = parseIdx(idxBytes(dims, data), "generated");
      assert.deepEqual(parsed.dims, dims);
      assert.deepEqual(parsed.data, data);
    }),
    { seed: 11, numRuns: 200 },
  );
});

Deno.test("parseIdx() rejects broken files with errors naming the file", async (t) => {
  await t.step("truncated data", () => {
    const { name, bytes } = fixture("broken/truncated-images-idx3-ubyte");
    assertThrowsNaming(
      () => parseIdx(bytes, name),
      name,
      /as IDX images as it is truncated: expected 96 bytes for 5×4×4, current value is 40$/,
    );
    assertThrowsNaming(() => parseIdxImages(bytes, name), name, /truncated/);
  });
  await t.step("truncated header", () => {
    const { name, bytes } = fixture("broken/truncated-header-idx3-ubyte");
    assertThrowsNaming(
      () => parseIdx(bytes, name),
      name,
      /header is truncated: expected at least 16/,
    );
  });
  await t.step("oversized (trailing bytes)", () => {
    const { name, bytes } = fixture("broken/oversized-images-idx3-ubyte");
    assertThrowsNaming(
      () => parseIdxImages(bytes, name),
      name,
      /trailing bytes: expected 96 bytes for 5×4×4, current value is 99$/,
    );
  });
  await t.step("wrong magic number", () => {
    const { name, bytes } = fixture("broken/wrong-magic-images-idx3-ubyte");
    assertThrowsNaming(() => parseIdx(bytes, name), name, /magic number .*0x12340803$/);
  });
  await t.step("wrong data type (float32)", () => {
    const { name, bytes } = fixture("broken/float-images-idx3-ubyte");
    assertThrowsNaming(
      () => parseIdxImages(bytes, name),
      name,
      /not unsigned byte: expected type byte 0x08, current value is 0x0d \(float32\)$/,
    );
  });
  await t.step("labels where images are expected, and images where labels are", () => {
    const labels = fixture("tiny/train-labels-idx1-ubyte");
    assertThrowsNaming(
      () => parseIdxImages(labels.bytes, labels.name),
      labels.name,
      /not 3: expected magic number 0x00000803, current value is 0x00000801$/,
    );
    const images = fixture("tiny/train-images-idx3-ubyte");
    assertThrowsNaming(
      () => parseIdxLabels(images.bytes, images.name),
      images.name,
      /not 1: expected magic number 0x00000801, current value is 0x00000803$/,
    );
  });
  await t.step("gzip data that was not decompressed", () => {
    const gz = gzipSync(fixture("tiny/train-labels-idx1-ubyte").bytes);
    assertThrowsNaming(() => parseIdx(gz, "x.gz"), "x.gz", /gzip data/);
  });
  await t.step("fewer than 4 bytes, zero dimensions, not a Uint8Array", () => {
    assertThrowsNaming(() => parseIdx(new Uint8Array([0, 0]), "short"), "short", /at least 4/);
    assertThrowsNaming(() => parseIdx(new Uint8Array([0, 0, 8, 0]), "zero"), "zero", /dims ≥ 1/);
    assert.throws(
      () => parseIdx([0, 0, 8, 1] as unknown as Uint8Array, "array"),
      /Cannot parse array as IDX as the input must be a Uint8Array/,
    );
  });
});
