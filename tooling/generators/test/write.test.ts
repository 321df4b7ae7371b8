import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { GeneratorError } from "../src/errors";
import { readRepositoryNames } from "../src/repository";
import { generateResource, planResource, writePlan } from "../src/resource/generate";
import { resolveResourceSpec } from "../src/resource/parse";
import { copyRepository, type RepositoryCopy } from "./repository-copy";

/*
 * The generator's refusals and its all-or-nothing writing, in a copy of the
 * repository (Git tells what changed). No migration runs here: the
 * end-to-end test does that.
 */

const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));

let copy: RepositoryCopy;
beforeAll(() => {
  copy = copyRepository(repositoryRoot);
});
afterAll(() => {
  copy.remove();
});

const changes = () =>
  execFileSync("git", ["status", "--porcelain"], { cwd: copy.root, encoding: "utf8" }).trim();

const spec = () =>
  resolveResourceSpec(
    { name: "Ticket", fields: "title:string,due:date?", scope: "owner", events: false, web: false },
    readRepositoryNames(copy.root),
  );

describe("generateResource", () => {
  it("lists what it would write on a dry run, and writes nothing", async () => {
    const { plan, migration } = await generateResource(spec(), { root: copy.root, dryRun: true });
    expect(migration).toBeNull();
    expect(plan.created.map((file) => file.path)).toContain("packages/core/src/tickets/write.ts");
    expect(plan.modified.map((file) => file.path)).toContain("prisma/schema.prisma");
    expect(plan.migrationTail).toContain('CREATE POLICY "tickets_select"');
    expect(changes()).toBe("");
  });

  it("refuses to overwrite a file that exists, and writes nothing", async () => {
    writeFileSync(path.join(copy.root, "packages/validators/src/tickets.ts"), "// mine\n");
    try {
      const refusal = await generateResource(spec(), { root: copy.root }).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(GeneratorError);
      expect((refusal as GeneratorError).issues).toEqual({
        "packages/validators/src/tickets.ts": "exists",
      });
      expect(changes()).toBe("?? packages/validators/src/tickets.ts");
    } finally {
      copy.run("rm", ["packages/validators/src/tickets.ts"]);
    }
  });

  it("refuses when a file it edits does not look as expected, and writes nothing", async () => {
    const root = path.join(copy.root, "packages/api/src/root.ts");
    copy.run("sed", ["-i", "s/^export type AppRouter/export type TheRouter/", root]);
    try {
      const refusal = await generateResource(spec(), { root: copy.root }).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(GeneratorError);
      expect(Object.keys((refusal as GeneratorError).issues)).toEqual(["packages/api/src/root.ts"]);
      expect(changes()).toBe("M packages/api/src/root.ts");
    } finally {
      copy.run("git", ["checkout", "--", "packages/api/src/root.ts"]);
    }
  });

  it("undoes every file it wrote when a later step fails", async () => {
    const plan = await planResource(spec(), copy.root);
    const failing = writePlan(plan, copy.root, () => Promise.reject(new Error("no database")));
    await expect(failing).rejects.toThrow("no database");
    expect(changes()).toBe("");
  });
});

describe("the command", () => {
  it("exits 1 with the reasons on bad input, having written nothing", () => {
    const result = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "tooling/generators/src/main.ts",
        "resource",
        "tickets",
        "--fields",
        "Title:string",
        "--scope",
        "project",
      ],
      { cwd: copy.root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("name: Must be PascalCase");
    expect(result.stderr).toContain('fields: "Title" must be camelCase');
    expect(changes()).toBe("");
  });

  it("asks for nothing without a terminal: missing arguments are an error", () => {
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", "tooling/generators/src/main.ts", "resource", "Ticket"],
      { cwd: copy.root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Missing arguments");
  });
});
