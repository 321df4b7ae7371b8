import { spawn } from "node:child_process";
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import nodePlop, { type NodePlopAPI } from "node-plop";
import * as prettier from "prettier";

import {
  ownerScoped,
  projectScoped,
  publicRead,
  quoteLiteral,
  renderAccessSql,
} from "@fastnext/db/policies";

import { GeneratorError } from "../errors";
import { webEdits, webFiles } from "../web/files";
import { registerWebHelpers } from "../web/helpers";
import { templateContext, type TemplateContext } from "./context";
import {
  insertBefore,
  permissionDescription,
  permissionRoles,
  resourceEdits,
  resourceFiles,
  type TextEdit,
} from "./files";
import { registerHelpers } from "./helpers";
import { type FileEdit, type ResourceSpec } from "./spec";

export const TEMPLATES = fileURLToPath(new URL("../../templates", import.meta.url));

/** Everything a generation would write, computed in memory before anything is. */
export interface ResourcePlan {
  created: { path: string; content: string }[];
  modified: { path: string; before: string; after: string }[];
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

function webFileEdit(edit: FileEdit): TextEdit {
  return {
    path: edit.path,
    apply: (source, render) => insertBefore(source, edit.pattern, render(edit.template), edit.path),
  };
}

const FORMATTED = /\.(ts|tsx|json|md)$/;

async function formatted(root: string, file: string, content: string): Promise<string> {
  if (!FORMATTED.test(file)) return content;
  const filepath = path.join(root, file);
  const options = await prettier.resolveConfig(filepath);
  return prettier.format(content, { ...options, filepath });
}

async function templateEngine(): Promise<NodePlopAPI> {
  const plop = await nodePlop();
  registerHelpers(plop);
  registerWebHelpers(plop);
  return plop;
}

/**
 * Renders every file and edit of the resource. Refuses (GeneratorError,
 * nothing written) when a file to create exists or an edit cannot apply.
 */
export async function planResource(spec: ResourceSpec, root: string): Promise<ResourcePlan> {
  const plop = await templateEngine();
  const base = templateContext(spec);
  const data = {
    ...base,
    accessSql: renderAccessSql(declaredAccess(base)),
    permissionDescriptionSql: quoteLiteral(permissionDescription(base)),
    permissionRoles: permissionRoles(base),
  };
  const render = (template: string) =>
    plop.renderString(readFileSync(path.join(TEMPLATES, template), "utf8"), data);

  const files = [...resourceFiles(base), ...(spec.web ? webFiles(spec) : [])];
  const edits = [...resourceEdits(base), ...(spec.web ? webEdits(spec).map(webFileEdit) : [])];

  const existing = files.filter((file) => existsSync(path.join(root, file.path)));
  if (existing.length > 0) {
    throw new GeneratorError(
      "Refusing to overwrite files that exist",
      Object.fromEntries(existing.map((file) => [file.path, "exists"])),
    );
  }

  const created = await Promise.all(
    files.map(async (file) => ({
      path: file.path,
      content: await formatted(root, file.path, render(file.template)),
    })),
  );

  const editProblems: Record<string, string> = {};
  const texts = new Map<string, { before: string; after: string }>();
  for (const edit of edits) {
    const absolute = path.join(root, edit.path);
    if (!existsSync(absolute)) {
      editProblems[edit.path] = "missing: the generator edits it";
      continue;
    }
    const current = texts.get(edit.path) ?? {
      before: readFileSync(absolute, "utf8"),
      after: readFileSync(absolute, "utf8"),
    };
    try {
      current.after = edit.apply(current.after, render);
      texts.set(edit.path, current);
    } catch (error) {
      editProblems[edit.path] = (error as Error).message;
    }
  }
  if (Object.keys(editProblems).length > 0)
    throw new GeneratorError("Existing files do not look as the generator expects", editProblems);

  const modified = await Promise.all(
    [...texts].map(async ([file, { before, after }]) => ({
      path: file,
      before,
      after: await formatted(root, file, after),
    })),
  );
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
  const createdPaths: string[] = [];
  const restored: { path: string; before: string }[] = [];
  try {
    for (const file of plan.created) {
      const absolute = path.join(root, file.path);
      const firstNewFolder = mkdirSync(path.dirname(absolute), { recursive: true });
      if (firstNewFolder) createdPaths.push(firstNewFolder);
      writeFileSync(absolute, file.content, { flag: "wx" });
      createdPaths.push(absolute);
    }
    for (const file of plan.modified) {
      restored.push({ path: file.path, before: file.before });
      writeFileSync(path.join(root, file.path), file.after);
    }
    const migration = await migrate(root, plan.migrationName);
    createdPaths.push(path.join(root, migration));
    appendFileSync(path.join(root, migration, "migration.sql"), plan.migrationTail);
    return { migration };
  } catch (error) {
    for (const file of restored) writeFileSync(path.join(root, file.path), file.before);
    for (const created of createdPaths.reverse()) rmSync(created, { recursive: true, force: true });
    throw error;
  }
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
