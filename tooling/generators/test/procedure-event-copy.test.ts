import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { copyRepository, type RepositoryCopy } from "./repository-copy";

/*
 * What `pnpm gen:procedure` and `pnpm gen:event` write compiles: in a
 * throw-away copy of the repository they add a mutation behind a new
 * permission and an event with its handler, then the packages they touched
 * pass typecheck (the API type-checks the core services and validators it
 * imports, the worker the events catalogue). The copy is deleted afterwards.
 */

const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));
const run = promisify(execFile);

let copy: RepositoryCopy;
beforeAll(() => {
  copy = copyRepository(repositoryRoot);
});
afterAll(() => {
  copy.remove();
});

function generate(...args: string[]) {
  return run(process.execPath, ["--import", "tsx", "tooling/generators/src/main.ts", ...args], {
    cwd: copy.root,
  });
}

describe("gen:procedure and gen:event in a copy of the repository", () => {
  it("write code that type-checks", { timeout: 240_000 }, async () => {
    const procedure = await generate(
      "procedure",
      "projects.recount",
      "--type",
      "mutation",
      "--permission",
      "project.recount",
    );
    expect(procedure.stdout).toContain("create  packages/api/src/routers/projects/recount.ts");
    const migration = /create {2}(prisma\/migrations\/\S+\/migration\.sql)/.exec(
      procedure.stdout,
    )?.[1];
    expect(readFileSync(path.join(copy.root, migration ?? "missing"), "utf8")).toContain(
      "'project.recount'",
    );
    const event = await generate("event", "invoice.paid");
    expect(event.stdout).toContain("create  apps/worker/src/handlers/invoice-paid.ts");

    // Generating the same again is refused: the procedure and the event exist now.
    await expect(generate("procedure", "projects.recount")).rejects.toMatchObject({ code: 1 });
    await expect(generate("event", "invoice.paid")).rejects.toMatchObject({ code: 1 });

    const started = performance.now();
    for (const workspace of ["packages/api", "apps/worker"]) {
      await run(path.join(copy.root, "node_modules/.bin/tsc"), ["--noEmit"], {
        cwd: path.join(copy.root, workspace),
        maxBuffer: 16 * 1024 * 1024,
      }).catch((error: unknown) => {
        const failed = error as { stdout?: string; stderr?: string };
        throw new Error(
          `${workspace}: typecheck failed in the copy:\n${failed.stdout ?? ""}${failed.stderr ?? ""}`,
        );
      });
    }
    console.log(
      `gen:procedure + gen:event: typecheck of api and worker ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  });
});
