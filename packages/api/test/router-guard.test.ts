import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { type AnyTRPCRouter } from "@trpc/server";
import { describe, expect, it } from "vitest";

import { appRouter, PUBLIC_PROCEDURES } from "../src/root";
import { t } from "../src/trpc/init";
import { type ProcedureMeta } from "../src/trpc/meta";
import {
  authedProcedure,
  permissionProcedure,
  publicProcedure,
  router,
} from "../src/trpc/procedures";

interface ProcedureLike {
  meta?: ProcedureMeta;
}

function proceduresOf(root: AnyTRPCRouter): [string, ProcedureLike][] {
  return Object.entries(root._def.procedures as Record<string, ProcedureLike>);
}

/** What each procedure declares about its callers; a procedure not made by the builders declares nothing. */
function guardOf(procedure: ProcedureLike) {
  return {
    signedIn: procedure.meta?.caller === "signed-in",
    permission: procedure.meta?.permission ?? null,
  };
}

/** Procedures that are neither behind `authed` nor public and listed. */
function unguarded(root: AnyTRPCRouter, publicNames: readonly string[]): string[] {
  return proceduresOf(root)
    .filter(([name, procedure]) => !guardOf(procedure).signedIn && !publicNames.includes(name))
    .map(([name]) => name);
}

const procedures = proceduresOf(appRouter);

describe("every procedure is guarded", () => {
  it("walks the whole router: only the named public procedures lack the authed middleware", () => {
    expect(procedures.length).toBeGreaterThan(10);
    expect(unguarded(appRouter, PUBLIC_PROCEDURES)).toEqual([]);
  });

  it("fails on a procedure made without the builders, or public and not listed", () => {
    const planted = router({
      listed: publicProcedure.query(() => 1),
      notListed: publicProcedure.query(() => 2),
      bare: t.procedure.query(() => 3),
      signedIn: authedProcedure.query(() => 4),
      nested: router({ alsoBare: t.procedure.query(() => 5) }),
    });
    expect(unguarded(planted, ["listed"])).toEqual(["notListed", "bare", "nested.alsoBare"]);
  });

  it("public procedures exist and really are public", () => {
    const names = procedures.map(([name]) => name);
    for (const name of PUBLIC_PROCEDURES) {
      expect(names, name).toContain(name);
      const procedure = procedures.find(([n]) => n === name)?.[1];
      expect(procedure && guardOf(procedure).signedIn, name).toBe(false);
    }
  });

  it("a procedure that names a permission is signed-in, and the permission is what it declared", () => {
    const probe = router({ probe: permissionProcedure("user.read").query(() => 1) });
    expect(proceduresOf(probe)[0]?.[1].meta).toEqual({
      caller: "signed-in",
      permission: "user.read",
    });
    for (const [name, procedure] of procedures) {
      if (guardOf(procedure).permission) expect(guardOf(procedure).signedIn, name).toBe(true);
    }
  });

  it("admin procedures all name a permission", () => {
    const admin = procedures.filter(([name]) => name.startsWith("admin."));
    expect(admin.length).toBeGreaterThan(0);
    for (const [name, procedure] of admin)
      expect(guardOf(procedure).permission, name).not.toBeNull();
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
    const offenders = [
      ...sources(path.join(root, "packages/api/src")),
      ...sources(path.join(root, "apps/web/src")),
    ]
      .filter((file) =>
        /["']@fastnext\/db\/system["']|db\/src\/system/.test(readFileSync(file, "utf8")),
      )
      .map((file) => path.relative(root, file));
    expect(offenders).toEqual([]);
  });
});
