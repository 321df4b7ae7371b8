import { declarationPath } from "@fastnext/db/policies";

import { ACTIVITY_FILE, PERMISSIONS_FILE, ROOT_ROUTER_FILE, SCHEMA_FILE } from "../repository";
import { type TemplateContext } from "./context";
import { addBackRelation, appendModel } from "./prisma-schema";
import { type GeneratedFile } from "./spec";

/** Renders a template (path under `templates/`) with the resource's context. */
export type Render = (template: string) => string;

/**
 * A change to a file that exists. `apply` returns the new text, or throws
 * when the file does not look as expected (an anchor is missing): the
 * generator then writes nothing at all.
 */
export interface TextEdit {
  path: string;
  apply: (source: string, render: Render) => string;
}

/** Inserts `text` immediately before the first occurrence of `anchor`. */
export function insertBefore(source: string, anchor: string | RegExp, text: string, path: string) {
  const index = typeof anchor === "string" ? source.indexOf(anchor) : source.search(anchor);
  if (index < 0) throw new Error(`${path}: cannot find ${String(anchor)}`);
  return source.slice(0, index) + text + source.slice(index);
}

/** Inserts `line` after the last line matching `pattern`. */
function insertAfterLast(source: string, pattern: RegExp, line: string, path: string) {
  const matches = [...source.matchAll(new RegExp(pattern.source, "gm"))];
  const last = matches.at(-1);
  if (!last) throw new Error(`${path}: cannot find ${String(pattern)}`);
  const end = source.indexOf("\n", last.index + last[0].length);
  return `${source.slice(0, end + 1)}${line}\n${source.slice(end + 1)}`;
}

/** The new files of the backend: schemas, services, procedures, the access declaration, tests. */
export function resourceFiles(ctx: TemplateContext): GeneratedFile[] {
  const core = `packages/core/src/${ctx.kebabPlural}`;
  const routers = `packages/api/src/routers/${ctx.camelPlural}`;
  const files: [string, string][] = [
    [`packages/validators/src/${ctx.kebabPlural}.ts`, "validators.ts.hbs"],
    [`${core}/input.ts`, "core-input.ts.hbs"],
    [`${core}/view.ts`, "core-view.ts.hbs"],
    [`${core}/read.ts`, "core-read.ts.hbs"],
    [`${core}/write.ts`, "core-write.ts.hbs"],
    [`${core}/index.ts`, "core-index.ts.hbs"],
    [`${routers}/index.ts`, "router/index.ts.hbs"],
    [`${routers}/${ctx.camelPlural}.types.ts`, "router/types.ts.hbs"],
    [`${routers}/list.ts`, "router/list.ts.hbs"],
    [`${routers}/list.types.ts`, "router/list.types.ts.hbs"],
    [`${routers}/get.ts`, "router/get.ts.hbs"],
    [`${routers}/create.ts`, "router/create.ts.hbs"],
    [`${routers}/update.ts`, "router/update.ts.hbs"],
    [`${routers}/delete.ts`, "router/delete.ts.hbs"],
    [`${routers}/delete.types.ts`, "router/delete.types.ts.hbs"],
    [declarationPath(ctx.table), "policy.ts.hbs"],
    [`packages/api/test/${ctx.kebabPlural}.test.ts`, "api-test.ts.hbs"],
  ];
  return files.map(([path, template]) => ({ path, template: `resource/${template}` }));
}

/** The changes to existing files that register the resource everywhere it must be known. */
export function resourceEdits(ctx: TemplateContext): TextEdit[] {
  const edits: TextEdit[] = [
    {
      path: SCHEMA_FILE,
      apply: (source, render) => {
        let schema = appendModel(source, render("resource/model.prisma.hbs"));
        if (ctx.scope === "project")
          schema = addBackRelation(schema, "Project", `${ctx.camelPlural} ${ctx.name}[]`);
        for (const field of ctx.refFields)
          schema = addBackRelation(schema, field.ref ?? "", `${ctx.camelPlural} ${ctx.name}[]`);
        return schema;
      },
    },
    {
      path: "packages/validators/src/index.ts",
      apply: (source) => `${source.trimEnd()}\nexport * from "./${ctx.kebabPlural}";\n`,
    },
    {
      path: PERMISSIONS_FILE,
      apply: (source) => {
        const entry = `  "${ctx.writePermission}": {\n    category: "${ctx.table}",\n    description: "${permissionDescription(ctx)}",\n  },\n`;
        let text = insertBefore(
          source,
          "} as const satisfies Record<string, { category: string; description: string }>;",
          entry,
          PERMISSIONS_FILE,
        );
        // The seeded roles, as the migration seeds them (admin holds every permission anyway).
        for (const role of permissionRoles(ctx).filter((key) => key !== "admin")) {
          const pattern = new RegExp(`(\\n  ${role}: \\{[\\s\\S]*?permissions: \\[)`);
          if (!pattern.test(text)) throw new Error(`${PERMISSIONS_FILE}: no system role ${role}`);
          text = text.replace(pattern, `$1"${ctx.writePermission}", `);
        }
        return text;
      },
    },
    {
      path: ACTIVITY_FILE,
      // recordActivity takes only actions with a sentence: the three the services write.
      apply: (source) =>
        insertBefore(
          source,
          "} as const satisfies Record<string, Sentence>;",
          (
            [
              ["create", "Created"],
              ["update", "Updated"],
              ["delete", "Deleted"],
            ] as const
          )
            .map(
              ([verb, done]) =>
                `  "${ctx.prefix}.${verb}": named("${done} ${ctx.label}", "${ctx.titleField.name}"),\n`,
            )
            .join(""),
          ACTIVITY_FILE,
        ),
    },
    {
      path: "packages/core/package.json",
      apply: (source) => {
        const manifest = JSON.parse(source) as { exports: Record<string, string> };
        const key = `./${ctx.kebabPlural}`;
        if (manifest.exports[key]) throw new Error(`packages/core/package.json exports ${key}`);
        const entries = Object.entries({
          ...manifest.exports,
          [key]: `./src/${ctx.kebabPlural}/index.ts`,
        });
        const [root, ...rest] = entries;
        rest.sort(([a], [b]) => a.localeCompare(b));
        manifest.exports = Object.fromEntries(root ? [root, ...rest] : rest);
        return `${JSON.stringify(manifest, null, 2)}\n`;
      },
    },
    {
      path: ROOT_ROUTER_FILE,
      apply: (source) => {
        const withImport = insertAfterLast(
          source,
          /^import \{ \w+Router \} from "\.\/routers\/[^"]+";$/,
          `import { ${ctx.camelPlural}Router } from "./routers/${ctx.camelPlural}";`,
          ROOT_ROUTER_FILE,
        );
        return insertBefore(
          withImport,
          /\n\}\);\n\nexport type AppRouter/,
          `\n  ${ctx.camelPlural}: ${ctx.camelPlural}Router,`,
          ROOT_ROUTER_FILE,
        );
      },
    },
    {
      path: "packages/client/src/idempotency.ts",
      apply: (source) =>
        insertBefore(
          source,
          "] as const satisfies readonly IdempotentMutationPath[];",
          `  "${ctx.camelPlural}.create",\n`,
          "packages/client/src/idempotency.ts",
        ),
    },
    {
      path: "packages/db/src/policies/tables/index.ts",
      apply: (source) => {
        const path = "packages/db/src/policies/tables/index.ts";
        const withImport = insertAfterLast(
          source,
          /^import \{ access as \w+ \} from "\.\/\w+";$/,
          `import { access as ${ctx.camelPlural} } from "./${ctx.table}";`,
          path,
        );
        return insertBefore(
          withImport,
          /\]\);\n\nfunction sortedByTable/,
          `  ${ctx.camelPlural},\n`,
          path,
        );
      },
    },
  ];
  if (ctx.events) {
    const payload =
      ctx.scope === "project" ? `{ ${ctx.camel}Id: id, projectId: id }` : `{ ${ctx.camel}Id: id }`;
    edits.push({
      path: "packages/events/src/catalogue.ts",
      apply: (source) =>
        insertBefore(
          source,
          /\} as const;\n\nexport type EventName/,
          ["created", "updated", "deleted"]
            .map((verb) => `  "${ctx.prefix}.${verb}": z.object(${payload}),\n`)
            .join(""),
          "packages/events/src/catalogue.ts",
        ),
    });
  }
  return edits;
}

/** What the permission allows, for the catalogue and the `permissions` table. */
export function permissionDescription(ctx: TemplateContext): string {
  switch (ctx.scope) {
    case "project":
      return `Create ${ctx.labelPlural} in projects where one is an editor`;
    case "owner":
      return `Create ${ctx.labelPlural}, each seen by its creator only`;
    case "public-read":
      return `Create, change and delete ${ctx.labelPlural}`;
  }
}

/** The system roles the migration gives the permission to. */
export function permissionRoles(ctx: TemplateContext): string[] {
  return ctx.scope === "public-read" ? ["admin", "manager"] : ["admin", "manager", "member"];
}
