import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { copyRepository, type RepositoryCopy } from "./repository-copy";

/*
 * What `pnpm gen:resource` promises, checked end to end: in a throw-away
 * copy of this repository it generates a sample resource (its web pages
 * included), and the copy then
 * passes typecheck and lint of every package it touched, its migration
 * applies to a fresh database (the test run's template), and the generated
 * API tests pass there, as do the database's catalogue checks. The copy is
 * deleted afterwards.
 */

const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));

const SAMPLE = {
  name: "Invoice",
  fields:
    "title:string,amount:decimal,status:enum(draft|sent|paid),dueOn:date?,notes:text?,approver:user?,paid:boolean,quantity:int?,issuedAt:datetime?,meta:json?",
};

/** The test server this run uses (the database projects' global setup publishes it). */
function adminUrl(): string {
  const url = process.env.FASTNEXT_TEST_ADMIN_URL;
  if (!url) throw new Error("FASTNEXT_TEST_ADMIN_URL is not set: run through the vitest projects");
  return url;
}

interface Outcome {
  code: number;
  output: string;
  seconds: number;
}

/**
 * This process's environment without what Vitest and pnpm add to it
 * (NODE_ENV=test, VITEST_*, npm_*, ...): the copy's commands run as they do
 * from a terminal, and its own test run starts afresh.
 */
function outsideEnvironment(): NodeJS.ProcessEnv {
  const added =
    /^(npm_|pnpm_|PNPM_|VITEST|FASTNEXT_TEST_)|^(NODE_PATH|NODE_ENV|TEST|DEV|PROD|SSR|MODE|BASE_URL|FORCE_TTY)$/;
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !added.test(key)));
}

/** Runs a command in the copy without blocking the event loop; resolves with its output. */
function exec(copy: RepositoryCopy, command: string, args: string[], cwd = "."): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: path.join(copy.root, cwd),
      env: {
        ...outsideEnvironment(),
        CI: "true",
        DATABASE_URL: adminUrl(),
        TEST_DATABASE_ADMIN_URL: adminUrl(),
        NO_COLOR: "1",
        FORCE_COLOR: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ code: code ?? 1, output, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

/** Runs the jobs at most `limit` at a time: two cores are shared with the rest of the suite. */
async function pooled<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index];
      if (job) results[index] = await job();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

function expectSuccess(step: string, outcome: Outcome): void {
  if (outcome.code !== 0)
    throw new Error(`${step} failed (exit ${outcome.code}):\n${outcome.output}`);
}

let copy: RepositoryCopy;
beforeAll(() => {
  copy = copyRepository(repositoryRoot);
});
afterAll(() => {
  copy.remove();
});

describe("pnpm gen:resource in a copy of the repository", () => {
  it("writes a project-scoped resource with events that passes typecheck, lint, its migration and its tests", async () => {
    const generation = await exec(copy, process.execPath, [
      "--import",
      "tsx",
      "tooling/generators/src/main.ts",
      "resource",
      SAMPLE.name,
      "--fields",
      SAMPLE.fields,
      "--scope",
      "project",
      "--events",
    ]);
    expectSuccess("gen:resource", generation);
    const reported = /Generated Invoice in ([\d.]+) s/.exec(generation.output)?.[1];
    console.log(
      `gen:resource Invoice: generation ${reported ?? "?"} s (process ${generation.seconds.toFixed(1)} s)`,
    );
    const written = [...generation.output.matchAll(/^(?:create|modify) {2}(\S+)$/gm)].map(
      (match) => match[1] ?? "",
    );
    expect(written).toContain("packages/api/test/invoices.test.ts");
    expect(written).toContain("prisma/schema.prisma");
    expect(written).toContain("apps/web/e2e/invoices.spec.ts");
    expect(written.some((file) => file.startsWith("apps/web/src/app/"))).toBe(true);
    const migration = /created (prisma\/migrations\/\S+)\/migration\.sql/.exec(
      generation.output,
    )?.[1];
    expect(migration).toBeDefined();
    const sql = readFileSync(path.join(copy.root, migration ?? "", "migration.sql"), "utf8");
    expect(sql).toContain('CREATE TABLE "invoices"');
    expect(sql).toContain('ALTER TABLE "invoices" FORCE ROW LEVEL SECURITY;');
    expect(sql).toContain("('member', 'invoice.create')");

    expectSuccess(
      "db:generate",
      await exec(copy, "pnpm", ["--filter", "@fastnext/db", "run", "db:generate"]),
    );

    // Typecheck: the API's program includes every file of core, validators and events it
    // imports (all the generated ones), so those three need no run of their own; db (the
    // access declaration), client (the idempotent paths) and web (the pages) do. Lint: each touched
    // workspace, on the files the generator wrote.
    const lintByWorkspace = new Map<string, string[]>();
    for (const file of written.filter((name) => /\.tsx?$/.test(name))) {
      const workspace = file.split("/").slice(0, 2).join("/");
      lintByWorkspace.set(workspace, [
        ...(lintByWorkspace.get(workspace) ?? []),
        path.relative(workspace, file),
      ]);
    }
    const typechecked = ["packages/api", "packages/db", "packages/client", "apps/web"];
    const checks = [
      ...typechecked.map((workspace) => async () => ({
        step: `typecheck ${workspace}`,
        outcome: await exec(copy, "pnpm", ["exec", "tsc", "--noEmit"], workspace),
      })),
      ...[...lintByWorkspace].map(([workspace, files]) => async () => ({
        step: `lint ${workspace}`,
        outcome: await exec(copy, "pnpm", ["exec", "eslint", ...files], workspace),
      })),
    ];
    for (const { step, outcome } of await pooled(checks, 2)) {
      console.log(`${step}: ${outcome.seconds.toFixed(1)} s`);
      expectSuccess(step, outcome);
    }

    // A fresh database from every migration (the run's template), then the generated tests,
    // the catalogue checks (RLS enabled and forced, a policy per granted command, no drift
    // from the declarations) and the roles' tests (the seeded permission).
    const dbTests = [
      "packages/db/test/rls.test.ts",
      "packages/db/test/policies.test.ts",
      "packages/api/test/admin-roles.test.ts",
    ].filter((file) => existsSync(path.join(copy.root, file)));
    const tests = await exec(copy, "pnpm", [
      "exec",
      "vitest",
      "run",
      "packages/api/test/invoices.test.ts",
      ...dbTests,
    ]);
    console.log(`generated tests: ${tests.seconds.toFixed(1)} s`);
    expectSuccess("the generated tests", tests);
    const summary = /Tests\s+(\d+) passed \((\d+)\)/.exec(tests.output);
    expect(summary?.[1]).toBeDefined();
    expect(summary?.[1]).toBe(summary?.[2]); // none failed, none skipped
  });
});
