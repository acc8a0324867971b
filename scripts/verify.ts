/** `deno task verify`: see lib/cli/verify.ts or `deno task verify --help`. */
import { runVerifyCli } from "../lib/cli/verify.ts";
Deno.exit(await runVerifyCli(Deno.args));
