import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";

/**
 * A small monorepo on disk, laid out as pnpm lays out this one: each
 * workspace's dependencies are links in its own `node_modules`, workspace
 * packages link to their folder, npm packages to
 * `node_modules/.pnpm/<name>@<version>/node_modules/<name>`.
 */
export interface FixtureWorkspace {
  folder: string;
  name: string;
  /** Package names it declares: workspace names or npm packages. */
  dependencies?: string[];
}

export interface FixtureTree {
  root: string;
  /** Writes a source file (path relative to the root). */
  write(path: string, contents: string): void;
  remove(): void;
}

function writeFile(path: string, contents: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, contents);
}

function link(target: string, linkPath: string): void {
  mkdirSync(dirname(linkPath), { recursive: true });
  symlinkSync(relative(dirname(linkPath), target), linkPath, "dir");
}

function npmPackageFolder(root: string, name: string): string {
  const folder = join(
    root,
    "node_modules/.pnpm",
    `${name.replace("/", "+")}@0.0.0`,
    "node_modules",
    name,
  );
  writeFile(
    join(folder, "package.json"),
    JSON.stringify({ name, version: "0.0.0", main: "index.js" }),
  );
  writeFile(join(folder, "index.js"), "export {};\n");
  return folder;
}

export function createFixtureTree(workspaces: FixtureWorkspace[]): FixtureTree {
  const root = mkdtempSync(join(tmpdir(), "boundaries-"));
  const folders = new Map(
    workspaces.map((workspace) => [workspace.name, join(root, workspace.folder)]),
  );
  for (const workspace of workspaces) {
    const folder = join(root, workspace.folder);
    writeFile(
      join(folder, "package.json"),
      JSON.stringify({ name: workspace.name, type: "module", exports: { ".": "./src/index.ts" } }),
    );
    writeFile(join(folder, "src/index.ts"), "export const ready = true;\n");
    for (const dependency of workspace.dependencies ?? []) {
      const target = folders.get(dependency) ?? npmPackageFolder(root, dependency);
      link(target, join(folder, "node_modules", dependency));
    }
  }
  return {
    root,
    write: (path, contents) => writeFile(join(root, path), contents),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
