import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const GENERATED_CLIENT = "packages/db/src/generated";

/** Folders in node_modules that hold caches: each copy starts without them. */
const CACHES = new Set([".cache", ".vite", ".vitest", ".tmp", ".turbo"]);

/**
 * Recreates a pnpm node_modules folder without copying a package: each link
 * is remade with the same (relative) target, so workspace links such as
 * `@fastnext/core -> ../../../core` resolve to the copy's workspaces, and
 * every other entry (the `.pnpm` store, `.bin`) links to the original.
 */
function linkNodeModules(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    if (CACHES.has(entry)) continue;
    const source = path.join(from, entry);
    const target = path.join(to, entry);
    const stat = lstatSync(source);
    if (stat.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else if (stat.isDirectory() && entry.startsWith("@")) linkNodeModules(source, target);
    else symlinkSync(source, target);
  }
}

export interface RepositoryCopy {
  root: string;
  /** Runs a command in the copy; throws with its output when it fails. */
  run: (
    command: string,
    args: string[],
    options?: { cwd?: string; env?: NodeJS.ProcessEnv },
  ) => string;
  remove: () => void;
}

/**
 * A throw-away copy of the repository: its files as Git sees them (tracked,
 * and untracked but not ignored), node_modules linked rather than
 * installed, committed to a fresh Git repository so commands that diff
 * against HEAD see exactly this tree.
 */
export function copyRepository(root: string): RepositoryCopy {
  const copy = mkdtempSync(path.join(tmpdir(), "fastnext-copy-"));
  const files = execFileSync(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  )
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    const source = path.join(root, file);
    if (!existsSync(source)) continue; // deleted in the working tree, not yet committed
    mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    copyFileSync(source, path.join(copy, file));
  }
  const workspaces = new Set(
    files.filter((file) => file.endsWith("/package.json")).map((file) => path.dirname(file)),
  );
  linkNodeModules(path.join(root, "node_modules"), path.join(copy, "node_modules"));
  for (const workspace of workspaces) {
    const modules = path.join(root, workspace, "node_modules");
    if (existsSync(modules)) linkNodeModules(modules, path.join(copy, workspace, "node_modules"));
  }
  // Ignored by Git but needed before anything runs: the generated Prisma client.
  cpSync(path.join(root, GENERATED_CLIENT), path.join(copy, GENERATED_CLIENT), { recursive: true });
  const run: RepositoryCopy["run"] = (command, args, options = {}) => {
    try {
      return execFileSync(command, args, {
        cwd: options.cwd ? path.join(copy, options.cwd) : copy,
        env: { ...process.env, ...options.env },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(
        `${command} ${args.join(" ")} failed in the copy:\n${failed.stdout ?? ""}\n${failed.stderr ?? failed.message}`,
      );
    }
  };
  const git = [
    "-c",
    "user.name=copy",
    "-c",
    "user.email=copy@example.com",
    "-c",
    "core.hooksPath=/dev/null",
  ];
  run("git", ["init", "-q"]);
  run("git", ["add", "-A"]);
  run("git", [...git, "commit", "-q", "-m", "copy"]);
  return { root: copy, run, remove: () => rmSync(copy, { recursive: true, force: true }) };
}
