/**
 * The generators' command line, run by the root scripts:
 *
 *   pnpm gen:resource Invoice --fields "title:string,amount:decimal" --scope project --events
 *
 * Flags make it non-interactive (CI, scripts); in a terminal it asks for
 * what is missing. Exits 1 with the reasons when it refuses, having
 * written nothing.
 */
import { fileURLToPath } from "node:url";

import nodePlop from "node-plop";

import { GeneratorError } from "./errors";
import { runEventCommand } from "./event/command";
import { runProcedureCommand } from "./procedure/command";
import { runResourceCommand } from "./resource/command";

const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));

const COMMANDS: Record<
  string,
  (
    plop: Awaited<ReturnType<typeof nodePlop>>,
    argv: string[],
    root: string,
    tty: boolean,
  ) => Promise<number>
> = {
  resource: runResourceCommand,
  procedure: runProcedureCommand,
  event: runEventCommand,
};

const [command = "", ...argv] = process.argv.slice(2);
const run = COMMANDS[command];
if (!run) {
  console.error(`Unknown generator "${command}"; one of: ${Object.keys(COMMANDS).join(", ")}`);
  process.exit(2);
}
try {
  const plop = await nodePlop();
  process.exitCode = await run(plop, argv, repositoryRoot, process.stdin.isTTY);
} catch (error) {
  if (error instanceof GeneratorError) {
    console.error(error.describe());
    process.exitCode = 1;
  } else if (
    error instanceof TypeError &&
    "code" in error &&
    String(error.code).startsWith("ERR_PARSE_ARGS")
  ) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    // A step that failed after checking (the migration command, say): everything was undone.
    console.error(error instanceof Error ? error.message : String(error));
    console.error("Nothing was written.");
    process.exitCode = 1;
  }
}
