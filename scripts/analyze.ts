/** `deno task analyze`: see lib/cli/analyze.ts or `deno task analyze --help`. */
import { runAnalyzeCli } from "../lib/cli/analyze.ts";
Deno.exit(await runAnalyzeCli(Deno.args));
