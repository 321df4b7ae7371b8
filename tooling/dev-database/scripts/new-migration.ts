/**
 * Writes a new migration with the SQL that takes the schema as committed at
 * a git revision (default HEAD) to prisma/schema.prisma as it is now.
 *
 *   pnpm db:migration:new add_projects            # diff against HEAD
 *   pnpm db:migration:new add_projects --from main
 *
 * `prisma migrate dev` cannot read a live schema with the WebAssembly
 * engine, so migrations are made from two schema files (the CLI still
 * connects to the development database, embedded unless DATABASE_URL is set).
 * Review the SQL: grants and RLS policies for new tables are written by hand
 * below the generated part.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { paths, runPrismaCli } from "@fastnext/db/admin";

import { openLocalServer } from "../src/local-server";

const args = process.argv.slice(2);
const name = args[0];
const fromIndex = args.indexOf("--from");
const revision = fromIndex >= 0 ? args[fromIndex + 1] : "HEAD";
if (!name || !/^[a-z0-9_]+$/.test(name) || !revision) {
  console.error("usage: pnpm db:migration:new <snake_case_name> [--from <git revision>]");
  process.exit(2);
}

const relativeSchema = path.relative(paths.repoRoot, paths.schema);
const previous = execFileSync("git", ["show", `${revision}:${relativeSchema}`], {
  cwd: paths.repoRoot,
  encoding: "utf8",
});
const previousFile = path.join(
  mkdtempSync(path.join(tmpdir(), "fastnext-migration-")),
  "schema.prisma",
);
writeFileSync(previousFile, previous);

// The CLI opens its driver adapter even for a diff, so it needs some server.
const server = await openLocalServer(process.env);
const result = await runPrismaCli(
  [
    "migrate",
    "diff",
    "--from-schema-datamodel",
    previousFile,
    "--to-schema-datamodel",
    paths.schema,
    "--script",
  ],
  server.ownerUrl,
).finally(() => server.stop());
if (result.code !== 0) {
  console.error(result.stdout, result.stderr);
  process.exit(result.code);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = path.join(paths.migrations, `${stamp}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, "migration.sql"), result.stdout);
console.log(`Wrote ${path.relative(paths.repoRoot, folder)}/migration.sql`);
