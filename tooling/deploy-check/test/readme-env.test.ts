/**
 * README's configuration table against the environment schemas: every
 * variable a schema reads is in it with its reader, default and
 * description, nothing else is, and every `…EnvShape` of the tree is
 * registered with the generator (`pnpm docs:env`).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { z } from "zod";
import { describe, expect, it } from "vitest";

import { envFields } from "@fastnext/config";

import { readmePath, regeneratedReadme, repoRoot, tableSection } from "../src/env-docs/readme";
import { envSchemas, type EnvSchemaEntry } from "../src/env-docs/schemas";
import {
  compareEnvTables,
  envRows,
  parseEnvTable,
  renderEnvTable,
  undescribed,
} from "../src/env-docs/table";

const readme = readFileSync(readmePath, "utf8");

/** Source files of apps, packages and tooling, tests and dependencies left out. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name === "test" || name === "generated" || name.startsWith("."))
      return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe("README's configuration table", () => {
  it("is what pnpm docs:env writes from the schemas", async () => {
    const differences = compareEnvTables(
      parseEnvTable(tableSection(readme)),
      parseEnvTable(renderEnvTable(envRows(envSchemas))),
    );
    expect(differences, "README.md disagrees with the env schemas: run pnpm docs:env").toEqual({
      missing: [],
      stale: [],
      changed: [],
    });
    expect(await regeneratedReadme(readme), "run pnpm docs:env").toBe(readme);
  });

  it("describes every variable", () => {
    expect(undescribed(envSchemas), "add a description next to the env shape").toEqual([]);
  });

  it("covers every exported env shape of the apps, packages and tooling", () => {
    const exported = ["apps", "packages", "tooling"]
      .flatMap((top) => sourceFiles(path.join(repoRoot, top)))
      .flatMap((file) =>
        [...readFileSync(file, "utf8").matchAll(/^export const (\w+EnvShape)\b/gm)].map(
          (match) => `${match[1]} (${path.relative(repoRoot, file)})`,
        ),
      );
    const registered = new Set(envSchemas.map((entry) => entry.name));
    expect(exported.length).toBeGreaterThanOrEqual(envSchemas.length);
    expect(
      exported.filter((name) => !registered.has(name.split(" ")[0] ?? "")),
      "register it in tooling/deploy-check/src/env-docs/schemas.ts",
    ).toEqual([]);
  });
});

describe("the comparison", () => {
  const base: EnvSchemaEntry = {
    name: "exampleEnvShape",
    readBy: "worker",
    shape: { EXAMPLE_PORT: envFields.port(4100), EXAMPLE_NAME: z.string().optional() },
    docs: { EXAMPLE_PORT: "the example's port", EXAMPLE_NAME: "the example's name" },
  };
  const documented = parseEnvTable(renderEnvTable(envRows([base])));

  it("reads back what it renders", () => {
    expect(documented).toEqual([
      {
        variable: "EXAMPLE_PORT",
        readBy: "worker",
        default: "4100",
        description: "the example's port",
      },
      {
        variable: "EXAMPLE_NAME",
        readBy: "worker",
        default: "unset",
        description: "the example's name",
      },
    ]);
  });

  it("reports a variable missing from README, a stale one and a changed default", () => {
    const schemas = envRows([
      {
        ...base,
        shape: { EXAMPLE_PORT: envFields.port(4200), EXAMPLE_HOST: z.string().default("0.0.0.0") },
        docs: { ...base.docs, EXAMPLE_HOST: "the example's interface" },
      },
    ]);
    expect(compareEnvTables(documented, schemas)).toEqual({
      missing: ["EXAMPLE_HOST"],
      stale: ["EXAMPLE_NAME"],
      changed: [{ variable: "EXAMPLE_PORT", field: "default", readme: "4100", schemas: "4200" }],
    });
  });

  it("names a variable nobody described", () => {
    expect(undescribed([{ ...base, docs: { EXAMPLE_PORT: "the example's port" } }])).toEqual([
      "EXAMPLE_NAME",
    ]);
  });
});
