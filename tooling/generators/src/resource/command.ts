import { parseArgs } from "node:util";

import { type NodePlopAPI, type PromptQuestion } from "node-plop";

import { GeneratorError } from "../errors";
import { describePlan } from "../plan";
import { readRepositoryNames } from "../repository";
import { generateResource } from "./generate";
import { resolveResourceSpec, type ResourceOptions } from "./parse";

export const RESOURCE_USAGE =
  'pnpm gen:resource <Name> --fields "<field:type[?],...>" --scope <project|owner|public-read> [--events] [--no-web] [--dry-run]';

/** The command line as given; values it lacks are undefined (asked for in a terminal). */
export function parseResourceArgs(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      fields: { type: "string" },
      scope: { type: "string" },
      events: { type: "boolean", default: false },
      "no-web": { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
    },
  });
  if (positionals.length > 1) throw new GeneratorError(`One resource at a time: ${RESOURCE_USAGE}`);
  return {
    name: positionals[0],
    fields: values.fields,
    scope: values.scope,
    events: values.events,
    web: !values["no-web"],
    dryRun: values["dry-run"],
  };
}

type GivenOptions = ReturnType<typeof parseResourceArgs>;

/**
 * The plop generator `resource`: its prompts ask only for what the command
 * line left out, and only when a person is at the terminal.
 */
export function registerResourceGenerator(plop: NodePlopAPI, given: GivenOptions): void {
  const prompts: PromptQuestion[] = [
    ...(given.name === undefined
      ? [{ type: "input" as const, name: "name", message: "Resource name (PascalCase singular):" }]
      : []),
    ...(given.fields === undefined
      ? [
          {
            type: "input" as const,
            name: "fields",
            message: 'Fields, e.g. "title:string,dueOn:date?":',
          },
        ]
      : []),
    ...(given.scope === undefined
      ? [
          {
            type: "list" as const,
            name: "scope",
            message: "Who owns a row?",
            choices: ["project", "owner", "public-read"],
          },
        ]
      : []),
  ];
  plop.setGenerator("resource", {
    description: "A resource end to end: model, migration, permission, services, procedures, tests",
    prompts,
    actions: [],
  });
}

/** Runs `gen:resource`; returns the exit code. */
export async function runResourceCommand(
  plop: NodePlopAPI,
  argv: string[],
  root: string,
  interactive: boolean,
): Promise<number> {
  const started = performance.now();
  const given = parseResourceArgs(argv);
  let answers: Partial<Record<"name" | "fields" | "scope", string>> = {};
  const missing =
    given.name === undefined || given.fields === undefined || given.scope === undefined;
  if (missing) {
    if (!interactive) throw new GeneratorError(`Missing arguments: ${RESOURCE_USAGE}`);
    registerResourceGenerator(plop, given);
    answers = (await plop.getGenerator("resource").runPrompts()) as typeof answers;
  }
  const options: ResourceOptions = {
    name: given.name ?? answers.name ?? "",
    fields: given.fields ?? answers.fields ?? "",
    scope: given.scope ?? answers.scope ?? "",
    events: given.events,
    web: given.web,
  };
  const spec = resolveResourceSpec(options, readRepositoryNames(root));
  const { plan, migration } = await generateResource(spec, { root, dryRun: given.dryRun });
  for (const line of describePlan(plan, given.dryRun)) console.log(line);
  console.log(
    migration
      ? `created ${migration}/migration.sql (pnpm db:migration:new ${plan.migrationName}, with the access SQL and permission seed)`
      : `would create prisma/migrations/<timestamp>_${plan.migrationName}/migration.sql`,
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    given.dryRun
      ? `Dry run: nothing written (${seconds} s).`
      : `Generated ${spec.name} in ${seconds} s. Next: pnpm db:generate, then pnpm exec vitest run packages/api/test/${spec.kebabPlural}.test.ts`,
  );
  return 0;
}
