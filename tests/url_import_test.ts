// The module works when imported by URL from a Deno program that has no config and no import map:
// serve the repository on 127.0.0.1, import mod.ts over HTTP from a separate process, train a tiny
// model, and check its run folder.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));

function contentType(path: string): string {
  return path.endsWith(".ts") ? "application/typescript" : "application/octet-stream";
}

Deno.test("mod.ts imported over HTTP by a config-less program trains a tiny model", async () => {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      const path = decodeURIComponent(new URL(request.url).pathname);
      if (path.includes("..")) return new Response("forbidden", { status: 403 });
      try {
        const body = await Deno.readFile(`${root}${path}`);
        return new Response(body, { headers: { "content-type": contentType(path) } });
      } catch {
        return new Response("not found", { status: 404 });
      }
    },
  );
  const { port } = server.addr as Deno.NetAddr;
  const work = await Deno.makeTempDir({ prefix: "rbm-url-import-" });
  const program = `${work}/consumer.ts`;
  await Deno.writeTextFile(
    program,
    `import { loadRun, resolveConfig, train } from "http://127.0.0.1:${port}/mod.ts";
const result = await train(resolveConfig("tiny", { hidden: [8] }), { out: "${work}/run" });
const { summary } = await loadRun(result.runDir);
console.log(JSON.stringify({ status: summary.models[0].status, values: summary.models[0].singularValues.length }));
`,
  );
  try {
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-config",
        "--no-lock",
        `--allow-import=127.0.0.1:${port}`,
        "--allow-read",
        "--allow-write",
        "--allow-env",
        "--allow-sys",
        "--allow-run=git",
        program,
      ],
      cwd: work,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(output.stdout);
    const stderr = new TextDecoder().decode(output.stderr);
    assert.equal(output.code, 0, `consumer failed:\n${stderr}`);
    const last = JSON.parse(stdout.trim().split("\n").at(-1)!);
    assert.deepEqual(last, { status: "done", values: 8 });
  } finally {
    await server.shutdown();
  }
});
