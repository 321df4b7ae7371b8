import { parseArgs } from "node:util";

import { type NodePlopAPI } from "node-plop";

import { GeneratorError } from "../errors";
import { carryOut, planFiles, type FilePlan } from "../plan";
import { promptFor } from "../prompt";
import { procedureEdits, procedureFiles } from "./files";
import { procedureSpec, type ProcedureOptions, type ProcedureSpec } from "./spec";

export const PROCEDURE_USAGE =
  "pnpm gen:procedure <router.path> [--type query|mutation] [--permission <key>] [--dry-run]";

export function parseProcedureArgs(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      type: { type: "string" },
      permission: { type: "string" },
      "dry-run": { type: "boolean", default: false },
    },
  });
  if (positionals.length > 1) {
    throw new GeneratorError(`One procedure at a time: ${PROCEDURE_USAGE}`);
  }
  return {
    path: positionals[0],
    type: values.type,
    permission: values.permission,
    dryRun: values["dry-run"],
  };
}

/** Checks the request and renders everything it would write; writes nothing. */
export async function planProcedure(
  root: string,
  options: ProcedureOptions,
): Promise<{ spec: ProcedureSpec; plan: FilePlan }> {
  const spec = procedureSpec(root, options);
  const plan = await planFiles(root, procedureFiles(spec), procedureEdits(spec), spec);
  return { spec, plan };
}

/** Runs `gen:procedure`; returns the exit code. */
export async function runProcedureCommand(
  plop: NodePlopAPI,
  argv: string[],
  root: string,
  interactive: boolean,
): Promise<number> {
  const given = parseProcedureArgs(argv);
  let procedurePath = given.path;
  if (procedurePath === undefined) {
    if (!interactive) throw new GeneratorError(`Missing the procedure's path: ${PROCEDURE_USAGE}`);
    procedurePath = await promptFor(
      plop,
      { name: "procedure", description: "One procedure on an existing router" },
      { name: "path", message: "Procedure path (router.name):" },
    );
  }
  const { spec, plan } = await planProcedure(root, {
    path: procedurePath,
    type: given.type,
    permission: given.permission,
  });
  if (!(await carryOut(plan, root, given.dryRun))) return 0;
  console.log(
    [
      `Added ${spec.path}. Next: shape its schemas and write ${spec.serviceName}, then`,
      `  pnpm exec vitest run ${spec.testFile}   (fails until the test asserts the answer)`,
      ...(spec.newPermission
        ? [`  ${spec.permission ?? ""} is new: pnpm dev (or pnpm db:migrate) applies its migration`]
        : []),
    ].join("\n"),
  );
  return 0;
}
