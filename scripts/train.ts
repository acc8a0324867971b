/** `deno task train`: see lib/cli/train.ts or `deno task train --help`. */
import { runTrainCli } from "../lib/cli/train.ts";
Deno.exit(await runTrainCli(Deno.args));
