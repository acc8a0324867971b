/**
 * Shared command-line helpers: strict number parsing and the usage-error type (exit code 2).
 *
 * @module
 */

/** A bad command line: the CLI prints the message and exits with code 2 before any work. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * Parses a flag's value as a finite number (integers only when `integer`), naming the flag on error.
 *
 * @example
 * ```ts
 * import { parseNumberFlag } from "./args.ts";
 * console.assert(parseNumberFlag("epochs", "3", true) === 3);
 * ```
 */
export function parseNumberFlag(flag: string, text: string, integer = false): number {
  const value = text.trim() === "" ? Number.NaN : Number(text);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new UsageError(
      `Cannot use --${flag} as it must be ${
        integer ? "an integer" : "a number"
      }: current value is ${JSON.stringify(text)}`,
    );
  }
  return value;
}

/** Parses a comma-separated list of integers, e.g. "64,128". */
export function parseIntegerList(flag: string, text: string): number[] {
  return text.split(",").map((part) => parseNumberFlag(flag, part, true));
}
