import { spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import path from "node:path";

import {
  ownerScoped,
  projectScoped,
  publicRead,
  quoteLiteral,
  renderAccessSql,
} from "@fastnext/db/policies";

import { planFiles, templateRenderer, writeFiles, type FilePlan } from "../plan";
import { webEdits, webFiles } from "../web/files";
import { templateContext, type TemplateContext } from "./context";
import { permissionDescription, permissionRoles, resourceEdits, resourceFiles } from "./files";
import { type ResourceSpec } from "./spec";

/** Everything a generation would write, computed in memory before anything is. */
export interface ResourcePlan extends FilePlan {
  /** Appended to the migration `pnpm db:migration:new` writes from the schema change. */
  migrationTail: string;
  migrationName: string;
}

/** Writes the migration for the current schema change and returns its repository-relative folder. */
export type MigrationRunner = (root: string, name: string) => Promise<string>;

/** The access the declaration file will hold, built here the same way to render its SQL. */
function declaredAccess(ctx: TemplateContext) {
  switch (ctx.scope) {
    case "project":
      return projectScoped({ table: ctx.table });
    case "owner":
      return ownerScoped({ table: ctx.table });
    case "public-read":
      return publicRead({ table: ctx.table, writePermission: ctx.writePermission });
  }
}

/**
 * Renders every file and edit of the resource. Refuses (GeneratorError,
 * nothing written) when a file to create exists or an edit cannot apply.
 */
export async function planResource(spec: ResourceSpec, root: string): Promise<ResourcePlan> {
  const base = templateContext(spec);
  const data = {
    ...base,
    accessSql: renderAccessSql(declaredAccess(base)),
    permissionDescriptionSql: quoteLiteral(permissionDescription(base)),
    permissionRoles: permissionRoles(base),
  };
  const files = [...resourceFiles(base), ...(spec.web ? webFiles(spec) : [])];
  const edits = [...resourceEdits(base), ...(spec.web ? webEdits(spec) : [])];

  const { created, modified } = await planFiles(root, files, edits, data);
  const render = await templateRenderer(data);
  return {
    created,
    modified,
    migrationTail: render("resource/migration-tail.sql.hbs"),
    migrationName: base.migrationName,
  };
}

/** `pnpm db:migration:new <name>`'s script, run directly (no pnpm start-up). */
export const runMigrationCommand: MigrationRunner = (root, name) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/new-migration.ts", name], {
      cwd: path.join(root, "tooling/dev-database"),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const folder = /Wrote (prisma\/migrations\/[^/\s]+)\/migration\.sql/.exec(output)?.[1];
      if (code === 0 && folder) resolve(folder);
      else reject(new Error(`pnpm db:migration:new ${name} failed:\n${output}`));
    });
  });

/**
 * Writes the plan, then the migration. Any failure undoes everything
 * already written (new files and folders removed, edited files restored),
 * so a generation either completes or leaves the tree as it was.
 */
export async function writePlan(
  plan: ResourcePlan,
  root: string,
  migrate: MigrationRunner = runMigrationCommand,
): Promise<{ migration: string }> {
  let migration = "";
  await writeFiles(plan, root, async (created) => {
    migration = await migrate(root, plan.migrationName);
    created(path.join(root, migration));
    appendFileSync(path.join(root, migration, "migration.sql"), plan.migrationTail);
  });
  return { migration };
}

export interface GenerationResult {
  plan: ResourcePlan;
  /** The migration folder, null on a dry run. */
  migration: string | null;
}

export async function generateResource(
  spec: ResourceSpec,
  options: { root: string; dryRun?: boolean; migrate?: MigrationRunner },
): Promise<GenerationResult> {
  const plan = await planResource(spec, options.root);
  if (options.dryRun) return { plan, migration: null };
  const { migration } = await writePlan(plan, options.root, options.migrate);
  return { plan, migration };
}
