import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { describe, expect, it } from "vitest";

import { GeneratorError } from "../src/errors";
import { planFiles } from "../src/plan";
import { planProcedure } from "../src/procedure/command";
import { procedureSpec } from "../src/procedure/spec";

const root = fileURLToPath(new URL("../../..", import.meta.url));

/** The message a refused request gives (fails the test if it is not refused). */
function refusal(options: Parameters<typeof procedureSpec>[1]): string {
  try {
    procedureSpec(root, options);
  } catch (error) {
    expect(error).toBeInstanceOf(GeneratorError);
    return (error as GeneratorError).message;
  }
  throw new Error(`${options.path} was accepted`);
}

describe("gen:procedure refuses", () => {
  it("a path without a router, or with a segment that is not camelCase", () => {
    expect(refusal({ path: "summary" })).toMatch(/names no router/);
    expect(refusal({ path: "projects.Summary" })).toMatch(/"Summary" .* is not camelCase/);
    expect(refusal({ path: "projects.sum-up" })).toMatch(/"sum-up" .* is not camelCase/);
  });

  it("a router that does not exist, and a name the router already has", () => {
    expect(refusal({ path: "invoices.summary" })).toMatch(/There is no router "invoices"/);
    expect(refusal({ path: "projects.archive" })).toMatch(/already has .* "archive"/);
    expect(refusal({ path: "projects.members" })).toMatch(/already has .* "members"/);
  });

  it("reserved words, a bad --type and a malformed permission key", () => {
    expect(refusal({ path: "projects.delete" })).toMatch(/reserved word/);
    expect(refusal({ path: "projects.then" })).toMatch(/reserved word/);
    expect(refusal({ path: "projects.stats", type: "subscription" })).toMatch(
      /--type is "query" or "mutation"/,
    );
    expect(refusal({ path: "projects.stats", permission: "Project.Stats" })).toMatch(
      /not a permission key/,
    );
  });

  it("to overwrite a file that exists, naming it", async () => {
    const error = await planFiles(
      root,
      [{ path: "package.json", template: "procedure/service.ts.hbs" }],
      [],
      {},
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GeneratorError);
    expect((error as GeneratorError).issues).toEqual({ "package.json": "exists" });
  });
});

describe("gen:procedure plans", () => {
  it("a query on a nested router: procedure, service, test, and the edits that register them", async () => {
    const { spec, plan } = await planProcedure(root, { path: "projects.members.summary" });
    expect(spec).toMatchObject({
      serviceName: "summaryMember",
      schemaBase: "MemberSummary",
      coreImport: "@fastnext/core/projects",
      permission: null,
    });
    expect(plan.created.map((file) => file.path)).toEqual([
      "packages/api/src/routers/projects/members/summary.ts",
      "packages/core/src/projects/members/summary.ts",
      "packages/api/test/projects-members-summary.test.ts",
    ]);
    expect(plan.modified.map((file) => file.path).sort()).toEqual([
      "packages/api/src/routers/projects/members/index.ts",
      "packages/core/src/projects/index.ts",
      "packages/core/src/projects/members/input.ts",
      "packages/core/src/projects/members/view.ts",
    ]);
    const router = plan.modified.find((file) => file.path.endsWith("members/index.ts"));
    // The members router is written on one line: the new key joins it there.
    expect(router?.after).toContain("router({ list, add, updateRole, remove, summary })");
    expect(router?.after).toContain('import { summary } from "./summary";');
    const procedure = plan.created[0]?.content ?? "";
    expect(procedure).toContain("export const summary = authedProcedure");
    expect(procedure).toContain(
      ".query(({ ctx, input }) => summaryMember(serviceContext(ctx), input));",
    );
    const test = plan.created[2]?.content ?? "";
    expect(test).toContain("caller.client.projects.members.summary.query({})");
    expect(test).toContain("expect.fail(");
  });

  it("a mutation behind a new permission: the catalogue entry in its prefix's category and a seeding migration", async () => {
    const now = new Date("2030-01-02T03:04:05Z");
    const { plan } = await planProcedure(root, {
      path: "projects.recount",
      type: "mutation",
      permission: "project.recount",
      now,
    });
    const migration = plan.created.find((file) => file.path.endsWith("migration.sql"));
    expect(migration?.path).toBe(
      "prisma/migrations/20300102030405_permission_project_recount/migration.sql",
    );
    expect(migration?.content).toContain(
      "('project.recount', 'projects', 'Call projects.recount')",
    );
    expect(migration?.content).toContain(`WHERE r."key" = 'admin'`);
    const catalogue = plan.modified.find((file) => file.path.endsWith("permissions.ts"));
    expect(catalogue?.after).toContain(
      '"project.recount": { category: "projects", description: "Call projects.recount" },',
    );
    const procedure = plan.created[0]?.content ?? "";
    expect(procedure).toContain('permissionProcedure("project.recount")');
    expect(procedure).toContain(".mutation(");
    expect(plan.created[2]?.content).toContain("refuses a caller without project.recount");
  });

  it("an existing permission without a migration or a catalogue change", async () => {
    const { plan } = await planProcedure(root, {
      path: "projects.recount",
      permission: "project.create",
    });
    expect(plan.created.some((file) => file.path.endsWith(".sql"))).toBe(false);
    expect(plan.modified.some((file) => file.path.endsWith("permissions.ts"))).toBe(false);
  });
});

describe("pnpm gen:procedure --dry-run", () => {
  it("lists what it would write and writes nothing", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        "--import",
        "tsx",
        "tooling/generators/src/main.ts",
        "procedure",
        "projects.recount",
        "--dry-run",
      ],
      { cwd: root },
    );
    expect(stdout).toContain("would create  packages/api/src/routers/projects/recount.ts");
    expect(stdout).toContain("would modify  packages/api/src/routers/projects/index.ts");
    expect(stdout).toContain("Dry run: nothing written.");
    expect(existsSync(path.join(root, "packages/api/src/routers/projects/recount.ts"))).toBe(false);
  });
});
