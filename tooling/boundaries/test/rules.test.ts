import { afterEach, describe, expect, it } from "vitest";

import { boundaryRules, findBoundaryViolations } from "../src";
import { createFixtureTree, type FixtureTree, type FixtureWorkspace } from "./fixture-tree";

/** The workspaces as they depend on each other when every rule holds. */
const workspaces: FixtureWorkspace[] = [
  { folder: "packages/workflow", name: "@fastnext/workflow", dependencies: ["zod"] },
  {
    folder: "packages/validators",
    name: "@fastnext/validators",
    dependencies: ["zod", "@fastnext/workflow"],
  },
  { folder: "packages/db", name: "@fastnext/db", dependencies: ["pg"] },
  {
    folder: "packages/core",
    name: "@fastnext/core",
    dependencies: ["@fastnext/db", "@fastnext/validators"],
  },
  {
    folder: "packages/api",
    name: "@fastnext/api",
    dependencies: ["@fastnext/core", "@trpc/server"],
  },
  {
    folder: "packages/client",
    name: "@fastnext/client",
    dependencies: ["@fastnext/api", "@trpc/client"],
  },
  { folder: "packages/ui", name: "@fastnext/ui", dependencies: ["react", "radix-ui"] },
  {
    folder: "apps/web",
    name: "@fastnext/web",
    dependencies: ["@fastnext/api", "@fastnext/ui", "next"],
  },
  { folder: "apps/worker", name: "@fastnext/worker", dependencies: ["@fastnext/core", "pg-boss"] },
  { folder: "tooling/eslint", name: "@fastnext/eslint-config", dependencies: ["eslint"] },
  {
    folder: "tooling/supervisor",
    name: "@fastnext/supervisor",
    dependencies: ["@fastnext/eslint-config"],
  },
  {
    folder: "tooling/deploy-check",
    name: "@fastnext/deploy-check",
    dependencies: ["@fastnext/web"],
  },
];

/** One allowed import of each kind the rules single out. */
const keptRules: Record<string, string> = {
  "packages/validators/src/ok.ts":
    'import { z } from "zod";\nimport { ready } from "@fastnext/workflow";\nexport const x = z.boolean().parse(ready);\n',
  "packages/core/src/ok.ts": 'import { ready } from "@fastnext/db";\nexport const x = ready;\n',
  "packages/api/src/ok.ts":
    'import "@trpc/server";\nimport { ready } from "@fastnext/core";\nexport const x = ready;\n',
  "packages/client/src/ok.ts":
    'import "@trpc/client";\nimport type { ready } from "@fastnext/api";\nexport type X = typeof ready;\n',
  "packages/ui/src/ok.ts":
    'import "react";\nimport "radix-ui";\nimport { ready } from "./other";\nexport const x = ready;\n',
  "packages/ui/src/other.ts": "export const ready = true;\n",
  "apps/web/src/ok.ts":
    'import "next";\nimport { ready } from "@fastnext/api";\nimport "@fastnext/ui";\nexport const x = ready;\n',
  "apps/worker/src/ok.ts":
    'import "pg-boss";\nimport { ready } from "@fastnext/core";\nexport const x = ready;\n',
  "tooling/supervisor/src/ok.ts":
    'import { spawn } from "node:child_process";\nimport "@fastnext/eslint-config";\nexport const x = spawn;\n',
  "tooling/deploy-check/src/ok.ts":
    'import { ready } from "@fastnext/web";\nexport const x = ready;\n',
};

interface BrokenRule {
  rule: string;
  /** The package the breaking workspace adds to its package.json, if any. */
  declares?: { folder: string; dependency: string };
  file: string;
  contents: string;
  /** What the report names as the imported module. */
  to: string;
}

const resolvedNpm = (name: string) =>
  `node_modules/.pnpm/${name.replace("/", "+")}@0.0.0/node_modules/${name}/index.js`;

const brokenRules: BrokenRule[] = [
  {
    rule: "packages-no-nextjs",
    declares: { folder: "packages/api", dependency: "next" },
    file: "packages/api/src/route.ts",
    contents: 'import next from "next";\nexport const x = next;\n',
    to: resolvedNpm("next"),
  },
  {
    rule: "db-no-api-or-core",
    declares: { folder: "packages/db", dependency: "@fastnext/core" },
    file: "packages/db/src/uses-core.ts",
    contents: 'import { ready } from "@fastnext/core";\nexport const x = ready;\n',
    to: "packages/core/src/index.ts",
  },
  {
    rule: "pure-no-io",
    file: "packages/workflow/src/reads-a-file.ts",
    contents: 'import { readFileSync } from "node:fs";\nexport const x = readFileSync;\n',
    to: "fs",
  },
  {
    rule: "pure-no-server-package",
    declares: { folder: "packages/validators", dependency: "@fastnext/db" },
    file: "packages/validators/src/uses-db.ts",
    contents: 'import { ready } from "@fastnext/db";\nexport const x = ready;\n',
    to: "packages/db/src/index.ts",
  },
  {
    rule: "ui-browser-only",
    declares: { folder: "packages/ui", dependency: "@fastnext/db" },
    file: "packages/ui/src/uses-db.ts",
    contents: 'import { ready } from "@fastnext/db";\nexport const x = ready;\n',
    to: "packages/db/src/index.ts",
  },
  {
    rule: "client-api-types-only",
    file: "packages/client/src/runtime-import.ts",
    contents: 'import { ready } from "@fastnext/api";\nexport const x = ready;\n',
    to: "packages/api/src/index.ts",
  },
  {
    rule: "worker-no-web-or-api",
    declares: { folder: "apps/worker", dependency: "@fastnext/api" },
    file: "apps/worker/src/uses-api.ts",
    contents: 'import { ready } from "@fastnext/api";\nexport const x = ready;\n',
    to: "packages/api/src/index.ts",
  },
  {
    rule: "core-no-trpc",
    declares: { folder: "packages/core", dependency: "@trpc/server" },
    file: "packages/core/src/uses-trpc.ts",
    contents: 'import trpc from "@trpc/server";\nexport const x = trpc;\n',
    to: resolvedNpm("@trpc/server"),
  },
  {
    rule: "core-no-prometheus",
    declares: { folder: "packages/core", dependency: "prom-client" },
    file: "packages/core/src/uses-prom-client.ts",
    contents: 'import { Counter } from "prom-client";\nexport const x = Counter;\n',
    to: resolvedNpm("prom-client"),
  },
  {
    rule: "packages-no-apps",
    file: "packages/core/src/uses-web.ts",
    contents: 'import { ready } from "../../../apps/web/src/index";\nexport const x = ready;\n',
    to: "apps/web/src/index.ts",
  },
  {
    rule: "tooling-no-workspace-code",
    declares: { folder: "tooling/supervisor", dependency: "@fastnext/db" },
    file: "tooling/supervisor/src/uses-db.ts",
    contents: 'import { ready } from "@fastnext/db";\nexport const x = ready;\n',
    to: "packages/db/src/index.ts",
  },
];

function treeWith(files: Record<string, string>, declares?: BrokenRule["declares"]): FixtureTree {
  const tree = createFixtureTree(
    workspaces.map((workspace) =>
      workspace.folder === declares?.folder
        ? { ...workspace, dependencies: [...(workspace.dependencies ?? []), declares.dependency] }
        : workspace,
    ),
  );
  for (const [path, contents] of Object.entries(files)) tree.write(path, contents);
  return tree;
}

let tree: FixtureTree | undefined;
afterEach(() => {
  tree?.remove();
  tree = undefined;
});

describe("import boundaries", () => {
  it("report nothing on a tree that keeps every rule", async () => {
    tree = treeWith(keptRules);
    expect(await findBoundaryViolations(tree.root)).toEqual([]);
  });

  it("have one broken-rule case below for every rule", () => {
    expect(brokenRules.map((broken) => broken.rule).sort()).toEqual(
      boundaryRules.map((rule) => rule.name).sort(),
    );
  });

  it.each(brokenRules)("report $rule when it is broken", async (broken) => {
    tree = treeWith({ ...keptRules, [broken.file]: broken.contents }, broken.declares);
    expect(await findBoundaryViolations(tree.root)).toEqual([
      { rule: broken.rule, from: broken.file, to: broken.to },
    ]);
  });

  it("catch an import of a workspace the importer does not declare", async () => {
    tree = treeWith({
      ...keptRules,
      "apps/worker/src/undeclared.ts": 'import "@fastnext/api/http";\n',
    });
    expect(await findBoundaryViolations(tree.root)).toEqual([
      {
        rule: "worker-no-web-or-api",
        from: "apps/worker/src/undeclared.ts",
        to: "@fastnext/api/http",
      },
    ]);
  });
});
