import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { appRouter, PUBLIC_PROCEDURES } from "../src/root";
import { authed, permissionOfMiddleware } from "../src/trpc/auth-middleware";

interface ProcedureLike {
  _def: { middlewares: unknown[]; type: string };
}

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureLike>);
const authedFns = new Set<unknown>(authed._middlewares);

function guardOf(procedure: ProcedureLike) {
  const middlewares = procedure._def.middlewares;
  return {
    authed: middlewares.some((fn) => authedFns.has(fn)),
    permissions: middlewares.flatMap((fn) => {
      const permission = permissionOfMiddleware.get(fn);
      return permission ? [permission] : [];
    }),
  };
}

describe("every procedure is guarded", () => {
  it("walks the whole router: only the named public procedures lack the authed middleware", () => {
    expect(procedures.length).toBeGreaterThan(10);
    const unguarded = procedures
      .filter(([name, procedure]) => !PUBLIC_PROCEDURES.includes(name) && !guardOf(procedure).authed)
      .map(([name]) => name);
    expect(unguarded).toEqual([]);
  });

  it("public procedures exist and really are public", () => {
    const names = procedures.map(([name]) => name);
    for (const name of PUBLIC_PROCEDURES) {
      expect(names, name).toContain(name);
      const procedure = procedures.find(([n]) => n === name)?.[1];
      expect(procedure && guardOf(procedure).authed, name).toBe(false);
    }
  });

  it("permission checks run after authentication", () => {
    for (const [name, procedure] of procedures) {
      const middlewares = procedure._def.middlewares;
      const authIndex = middlewares.findIndex((fn) => authedFns.has(fn));
      middlewares.forEach((fn, index) => {
        if (permissionOfMiddleware.has(fn)) expect(index, name).toBeGreaterThan(authIndex);
      });
    }
  });

  it("admin procedures all name a permission", () => {
    const admin = procedures.filter(([name]) => name.startsWith("admin."));
    expect(admin.length).toBeGreaterThan(0);
    for (const [name, procedure] of admin) expect(guardOf(procedure).permissions, name).not.toEqual([]);
  });
});

describe("the unscoped client", () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
      const full = path.join(dir, entry);
      if (entry === "node_modules" || entry === ".next") return [];
      if (statSync(full).isDirectory()) return sources(full);
      return /\.(ts|tsx)$/.test(entry) ? [full] : [];
    });
  }

  it("is imported by no procedure, service or web code", () => {
    const offenders = [...sources(path.join(root, "packages/api/src")), ...sources(path.join(root, "apps/web/src"))]
      .filter((file) => /["']@fastnext\/db\/system["']|db\/src\/system/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(root, file));
    expect(offenders).toEqual([]);
  });
});
