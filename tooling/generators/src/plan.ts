import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import nodePlop from "node-plop";
import * as prettier from "prettier";

import { GeneratorError } from "./errors";
import { insertBefore, type Render, type TextEdit } from "./resource/files";
import { registerHelpers } from "./resource/helpers";
import { type FileEdit, type GeneratedFile } from "./resource/spec";
import { registerWebHelpers } from "./web/helpers";

const TEMPLATES = fileURLToPath(new URL("../templates", import.meta.url));

/** What a generator would write, rendered and formatted in memory before anything is written. */
export interface FilePlan {
  created: { path: string; content: string }[];
  modified: { path: string; before: string; after: string }[];
}

const FORMATTED = /\.(ts|tsx|json|md)$/;

async function formatted(root: string, file: string, content: string): Promise<string> {
  if (!FORMATTED.test(file)) return content;
  const filepath = path.join(root, file);
  const options = await prettier.resolveConfig(filepath);
  return prettier.format(content, { ...options, filepath });
}

/** Renders a template of tooling/generators/templates with `data` (every helper registered). */
export async function templateRenderer(data: object): Promise<Render> {
  const plop = await nodePlop();
  registerHelpers(plop);
  registerWebHelpers(plop);
  return (template) =>
    plop.renderString(readFileSync(path.join(TEMPLATES, template), "utf8"), data);
}

/** An edit that inserts its rendered template before its anchor. */
function anchoredEdit(edit: FileEdit): TextEdit {
  return {
    path: edit.path,
    apply: (source, render) => insertBefore(source, edit.pattern, render(edit.template), edit.path),
  };
}

/**
 * Renders `files` and `edits` with `data`. Refuses (GeneratorError, nothing
 * written) when a file to create exists, or a file to edit is missing or
 * its edit cannot apply (an anchor not found).
 */
export async function planFiles(
  root: string,
  files: readonly GeneratedFile[],
  edits: readonly (FileEdit | TextEdit)[],
  data: object,
): Promise<FilePlan> {
  const existing = files.filter((file) => existsSync(path.join(root, file.path)));
  if (existing.length > 0) {
    throw new GeneratorError(
      "Refusing to overwrite files that exist",
      Object.fromEntries(existing.map((file) => [file.path, "exists"])),
    );
  }
  const render = await templateRenderer(data);

  const created = await Promise.all(
    files.map(async (file) => ({
      path: file.path,
      content: await formatted(root, file.path, render(file.template)),
    })),
  );

  const problems: Record<string, string> = {};
  const texts = new Map<string, { before: string; after: string }>();
  for (const edit of edits.map((e) => ("apply" in e ? e : anchoredEdit(e)))) {
    const absolute = path.join(root, edit.path);
    if (!existsSync(absolute)) {
      problems[edit.path] = "missing: the generator edits it";
      continue;
    }
    const before = readFileSync(absolute, "utf8");
    const current = texts.get(edit.path) ?? { before, after: before };
    try {
      current.after = edit.apply(current.after, render);
      texts.set(edit.path, current);
    } catch (error) {
      problems[edit.path] = (error as Error).message;
    }
  }
  if (Object.keys(problems).length > 0) {
    throw new GeneratorError("Existing files do not look as the generator expects", problems);
  }
  const modified = await Promise.all(
    [...texts].map(async ([file, { before, after }]) => ({
      path: file,
      before,
      after: await formatted(root, file, after),
    })),
  );
  return { created, modified };
}

/**
 * Writes the plan, then runs `finish` (a step that writes more, e.g. a
 * migration; it reports each path it creates through `created`). A failure
 * half-way undoes what was already written (new files and folders removed,
 * edited files restored): the tree is either complete or as it was.
 */
export async function writeFiles(
  plan: FilePlan,
  root: string,
  finish?: (created: (absolutePath: string) => void) => Promise<void>,
): Promise<void> {
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
    await finish?.((absolute) => createdPaths.push(absolute));
  } catch (error) {
    for (const file of restored) writeFileSync(path.join(root, file.path), file.before);
    for (const created of createdPaths.reverse()) rmSync(created, { recursive: true, force: true });
    throw error;
  }
}

/** Prints what a plan creates and modifies, one line per file. */
export function describePlan(plan: FilePlan, dryRun: boolean): string[] {
  const verb = dryRun ? "would " : "";
  return [
    ...plan.created.map((file) => `${verb}create  ${file.path}`),
    ...plan.modified.map((file) => `${verb}modify  ${file.path}`),
  ];
}

/** Prints the plan and writes it, unless `dryRun`. Returns whether it wrote. */
export async function carryOut(plan: FilePlan, root: string, dryRun: boolean): Promise<boolean> {
  for (const line of describePlan(plan, dryRun)) console.log(line);
  if (dryRun) {
    console.log("Dry run: nothing written.");
    return false;
  }
  await writeFiles(plan, root);
  return true;
}
