/**
 * Crash-safe file output: everything is written to a temporary sibling first and renamed into place,
 * so an interruption at any moment leaves either the old complete file/folder or the new one.
 *
 * @module
 */

/** A temporary sibling name for `path`, unique to this process and call. */
function temporarySibling(path: string): string {
  return `${path}.tmp-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * Writes a text file atomically (temp file + rename).
 *
 * @example
 * ```ts
 * import { writeTextAtomic } from "./atomic.ts";
 * const dir = await Deno.makeTempDir();
 * await writeTextAtomic(`${dir}/a.json`, "{}");
 * console.assert(await Deno.readTextFile(`${dir}/a.json`) === "{}");
 * ```
 */
export async function writeTextAtomic(path: string, text: string): Promise<void> {
  const tmp = temporarySibling(path);
  try {
    await Deno.writeTextFile(tmp, text);
    await Deno.rename(tmp, path);
  } catch (error) {
    await Deno.remove(tmp).catch(() => {});
    throw error;
  }
}

/** Writes a JSON value (2-space indented, trailing newline) atomically. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeTextAtomic(path, JSON.stringify(value, null, 2) + "\n");
}

/**
 * Fills a fresh temporary folder through `fill`, then renames it to `path`, replacing any folder
 * already there (the old one is moved aside first and removed only after the new one is in place).
 *
 * @example
 * ```ts
 * import { writeFolderAtomic } from "./atomic.ts";
 * const dir = await Deno.makeTempDir();
 * await writeFolderAtomic(`${dir}/ckpt`, async (tmp) => await Deno.writeTextFile(`${tmp}/x`, "1"));
 * console.assert(await Deno.readTextFile(`${dir}/ckpt/x`) === "1");
 * ```
 */
export async function writeFolderAtomic(
  path: string,
  fill: (temporaryFolder: string) => Promise<void>,
): Promise<void> {
  const tmp = temporarySibling(path);
  await Deno.mkdir(tmp, { recursive: true });
  try {
    await fill(tmp);
  } catch (error) {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
    throw error;
  }
  let aside: string | null = null;
  try {
    await Deno.lstat(path);
    aside = `${path}.old-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
    await Deno.rename(path, aside);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  await Deno.rename(tmp, path);
  if (aside !== null) await Deno.remove(aside, { recursive: true });
}
