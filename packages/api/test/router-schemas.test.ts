import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The rule of docs/architecture.md ("Where a procedure's schemas live"): a
 * router file other than a `*.types.ts` declares no zod schema, and a
 * `*.types.ts` sits beside the procedure it belongs to (`<name>.ts`) or is
 * its folder's shared file (`<folder>/<folder>.types.ts`).
 */

const ROUTERS = fileURLToPath(new URL("../src/routers", import.meta.url));

/** Calls on a schema that only read or run it; every other call on one builds a new schema. */
const SCHEMA_USES = new Set([
  "parse",
  "safeParse",
  "parseAsync",
  "safeParseAsync",
  "decode",
  "encode",
]);

function rootIdentifier(node: ts.Expression): string | null {
  let current: ts.Expression = node;
  for (;;) {
    if (ts.isIdentifier(current)) return current.text;
    if (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
      current = current.expression;
    } else if (ts.isCallExpression(current) || ts.isNonNullExpression(current)) {
      current = current.expression;
    } else if (ts.isParenthesizedExpression(current)) {
      current = current.expression;
    } else {
      return null;
    }
  }
}

function importsTypesOnly(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause || clause.phaseModifier === ts.SyntaxKind.TypeKeyword) return true;
  const bindings = clause.namedBindings;
  return (
    clause.name === undefined &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.every((element) => element.isTypeOnly)
  );
}

const isSchemaName = (name: string) => /^Z\w*Schema$/.test(name) || /^[a-z]\w*Schema$/.test(name);

/** What in one router file declares a schema, as `line: reason`. */
export function schemaDeclarations(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, reason: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push(`${line + 1}: ${reason}`);
  };
  const visit = (node: ts.Node) => {
    if (
      ts.isImportDeclaration(node) &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      node.moduleSpecifier.text === "zod" &&
      !importsTypesOnly(node)
    ) {
      report(node, "imports zod");
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isIdentifier(callee) && isSchemaName(callee.text)) {
        report(node, `calls the schema factory ${callee.text}`);
      } else if (ts.isPropertyAccessExpression(callee)) {
        const root = rootIdentifier(callee.expression);
        if (root === "z") report(node, `builds a schema with z.${callee.name.text}`);
        else if (root && isSchemaName(root) && !SCHEMA_USES.has(callee.name.text)) {
          report(node, `derives a schema from ${root} (.${callee.name.text})`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function listFiles(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** Every breach of the rule under a routers folder, as `file:line: reason`. */
export function routerSchemaBreaches(root: string): string[] {
  const files = listFiles(root);
  const present = new Set(files);
  return files.flatMap((file) => {
    const relative = path.relative(root, file);
    if (file.endsWith(".types.ts")) {
      const procedure = file.replace(/\.types\.ts$/, ".ts");
      const ownsFolder = path.basename(file, ".types.ts") === path.basename(path.dirname(file));
      return present.has(procedure) || ownsFolder
        ? []
        : [
            `${relative}: belongs to no procedure (no ${path.basename(procedure)} beside it) and is not its folder's shared file`,
          ];
    }
    return schemaDeclarations(file, readFileSync(file, "utf8")).map(
      (finding) => `${relative}:${finding}`,
    );
  });
}

describe("where a procedure's schemas live", () => {
  it("no router file outside *.types.ts declares a schema, and every *.types.ts has its procedure", () => {
    expect(routerSchemaBreaches(ROUTERS)).toEqual([]);
  });

  it("finds each way of declaring a schema in a procedure file", () => {
    const planted = [
      'import { z } from "zod";',
      'import { pageOutputSchema, ZPageInputSchema } from "@fastnext/core";',
      "export const ZPlantedInputSchema = ZPageInputSchema.extend({ unread: z.boolean() });",
      "export const planted = authedProcedure",
      "  .input(ZPageInputSchema.pick({ limit: true }))",
      "  .output(pageOutputSchema(ZViewSchema))",
      "  .query(() => ZViewSchema.parse({}));",
    ].join("\n");
    expect(schemaDeclarations("planted.ts", planted)).toEqual([
      "1: imports zod",
      "3: derives a schema from ZPageInputSchema (.extend)",
      "3: builds a schema with z.boolean",
      "5: derives a schema from ZPageInputSchema (.pick)",
      "6: calls the schema factory pageOutputSchema",
    ]);
  });

  it("accepts a procedure that only names its schemas and parses with one", () => {
    const clean = [
      'import { type z } from "zod";',
      'import { ZPlantedInputSchema, ZPlantedOutputSchema } from "./planted.types";',
      "export const planted = authedProcedure",
      "  .input(ZPlantedInputSchema)",
      "  .output(ZPlantedOutputSchema)",
      "  .query(() => ZPlantedOutputSchema.parse({}));",
    ].join("\n");
    expect(schemaDeclarations("planted.ts", clean)).toEqual([]);
  });

  const planted = mkdtempSync(path.join(tmpdir(), "router-schemas-"));
  afterAll(() => rmSync(planted, { recursive: true, force: true }));

  it("fails on a planted router folder, naming the file and line", () => {
    mkdirSync(path.join(planted, "things"));
    writeFileSync(
      path.join(planted, "things", "get.ts"),
      [
        'import { z } from "zod";',
        "export const get = authedProcedure.input(z.object({ id: z.uuid() })).query(() => null);",
      ].join("\n"),
    );
    writeFileSync(path.join(planted, "things", "things.types.ts"), "export {};\n");
    writeFileSync(path.join(planted, "things", "orphan.types.ts"), "export {};\n");
    expect(routerSchemaBreaches(planted)).toEqual([
      "things/get.ts:1: imports zod",
      "things/get.ts:2: builds a schema with z.object",
      "things/get.ts:2: builds a schema with z.uuid",
      "things/orphan.types.ts: belongs to no procedure (no orphan.ts beside it) and is not its folder's shared file",
    ]);
  });
});
