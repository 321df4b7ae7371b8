import { parseArgs } from "node:util";

import { type NodePlopAPI } from "node-plop";

import { GeneratorError } from "../errors";
import { carryOut, planFiles, type FilePlan } from "../plan";
import { promptFor } from "../prompt";
import { eventEdits, eventFiles } from "./files";
import { eventSpec, type EventOptions, type EventSpec } from "./spec";

export const EVENT_USAGE = "pnpm gen:event <name.in.dot_case> [--handler <name>] [--dry-run]";

export function parseEventArgs(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      handler: { type: "string" },
      "dry-run": { type: "boolean", default: false },
    },
  });
  if (positionals.length > 1) throw new GeneratorError(`One event at a time: ${EVENT_USAGE}`);
  return { name: positionals[0], handler: values.handler, dryRun: values["dry-run"] };
}

/** Checks the request and renders everything it would write; writes nothing. */
export async function planEvent(
  root: string,
  options: EventOptions,
): Promise<{ spec: EventSpec; plan: FilePlan }> {
  const spec = eventSpec(root, options);
  const plan = await planFiles(root, eventFiles(spec), eventEdits(spec), spec);
  return { spec, plan };
}

/** Runs `gen:event`; returns the exit code. */
export async function runEventCommand(
  plop: NodePlopAPI,
  argv: string[],
  root: string,
  interactive: boolean,
): Promise<number> {
  const given = parseEventArgs(argv);
  let name = given.name;
  if (name === undefined) {
    if (!interactive) throw new GeneratorError(`Missing the event's name: ${EVENT_USAGE}`);
    name = await promptFor(
      plop,
      { name: "event", description: "A domain event with its worker handler" },
      { name: "name", message: "Event name (dot.case, e.g. invoice.paid):" },
    );
  }
  const { spec, plan } = await planEvent(root, { name, handler: given.handler });
  if (!(await carryOut(plan, root, given.dryRun))) return 0;
  console.log(
    [
      `Added ${spec.name} and its handler ${spec.handlerName}. Next: shape its payload, raise it`,
      `with emitEvent in the service's transaction, write the handler, then`,
      `  pnpm exec vitest run ${spec.testFile}   (fails until the handler is written)`,
    ].join("\n"),
  );
  return 0;
}
