import { readFileSync } from "node:fs";
import path from "node:path";

/** The names a new resource must not take, read from the repository's own files. */
export interface RepositoryNames {
  /** Prisma model names (PascalCase). */
  models: ReadonlySet<string>;
  /** Table names (`@@map`). */
  tables: ReadonlySet<string>;
  /** Keys of the root router. */
  routers: ReadonlySet<string>;
  /** The part before the dot of every catalogue permission (`project` of `project.create`). */
  permissionPrefixes: ReadonlySet<string>;
}

export const SCHEMA_FILE = "prisma/schema.prisma";
export const ROOT_ROUTER_FILE = "packages/api/src/root.ts";
export const PERMISSIONS_FILE = "packages/validators/src/permissions.ts";
export const ACTIVITY_FILE = "packages/validators/src/activity.ts";

const read = (root: string, file: string) => readFileSync(path.join(root, file), "utf8");

export function readRepositoryNames(root: string): RepositoryNames {
  const schema = read(root, SCHEMA_FILE);
  const models = new Set([...schema.matchAll(/^model\s+(\w+)\s*\{/gm)].map((m) => m[1] ?? ""));
  const tables = new Set([...schema.matchAll(/@@map\("(\w+)"\)/g)].map((m) => m[1] ?? ""));
  const rootRouter = read(root, ROOT_ROUTER_FILE);
  const body = /appRouter = router\(\{([\s\S]*?)\}\);/.exec(rootRouter)?.[1] ?? "";
  const routers = new Set([...body.matchAll(/^\s*(\w+):/gm)].map((m) => m[1] ?? ""));
  const permissions = read(root, PERMISSIONS_FILE);
  const permissionPrefixes = new Set(
    [...permissions.matchAll(/^\s*"([a-z_]+)\.[a-z_]+":/gm)].map((m) => m[1] ?? ""),
  );
  return { models, tables, routers, permissionPrefixes };
}
