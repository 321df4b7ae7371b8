import { type AnyTRPCRouter } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { REST_EXCLUDED_PROCEDURES } from "../src/rest";
import { appRouter } from "../src/root";
import { type ProcedureMeta } from "../src/trpc/meta";
import { authedProcedure, router } from "../src/trpc/procedures";

interface ProcedureLike {
  _def: { type: string; meta?: ProcedureMeta; inputs: unknown[] };
}

function proceduresOf(root: AnyTRPCRouter): [string, ProcedureLike][] {
  return Object.entries(root._def.procedures as Record<string, ProcedureLike>);
}

/** Procedures without a REST operation that are not in the excluded list. */
function unmapped(root: AnyTRPCRouter, excluded: readonly string[]): string[] {
  return proceduresOf(root)
    .filter(([name, procedure]) => !procedure._def.meta?.openapi && !excluded.includes(name))
    .map(([name]) => name);
}

/** "METHOD /path" pairs declared more than once (path parameters' names do not make paths differ). */
function duplicates(root: AnyTRPCRouter): string[] {
  const seen = new Map<string, string>();
  const twice: string[] = [];
  for (const [name, procedure] of proceduresOf(root)) {
    const openapi = procedure._def.meta?.openapi;
    if (!openapi) continue;
    const key = `${openapi.method} ${openapi.path.replace(/\{[^}]+\}/g, "{}")}`;
    if (seen.has(key)) twice.push(`${key}: ${seen.get(key)} and ${name}`);
    else seen.set(key, name);
  }
  return twice;
}

const procedures = proceduresOf(appRouter);

describe("every client procedure has a REST operation", () => {
  it("walks the whole router: only the named transport-only procedures lack openapi meta", () => {
    expect(procedures.length).toBeGreaterThan(10);
    expect(unmapped(appRouter, REST_EXCLUDED_PROCEDURES)).toEqual([]);
  });

  it("fails on a procedure without a mapping, and on two operations at one method and path", () => {
    const planted = router({
      mapped: authedProcedure
        .meta({ openapi: { method: "GET", path: "/things/{id}" } })
        .input(z.object({ id: z.string() }))
        .query(() => 1),
      samePlace: authedProcedure
        .meta({ openapi: { method: "GET", path: "/things/{thingId}" } })
        .input(z.object({ thingId: z.string() }))
        .query(() => 2),
      forgotten: authedProcedure.query(() => 3),
      nested: router({ alsoForgotten: authedProcedure.mutation(() => 4) }),
    });
    expect(unmapped(planted, [])).toEqual(["forgotten", "nested.alsoForgotten"]);
    expect(unmapped(planted, ["forgotten", "nested.alsoForgotten"])).toEqual([]);
    expect(duplicates(planted)).toEqual(["GET /things/{}: mapped and samePlace"]);
  });

  it("methods and paths are unique", () => {
    expect(duplicates(appRouter)).toEqual([]);
  });

  it("the excluded procedures exist and really have no operation", () => {
    const names = new Map(procedures);
    for (const name of REST_EXCLUDED_PROCEDURES) {
      expect(names.has(name), name).toBe(true);
      expect(names.get(name)?._def.meta?.openapi, name).toBeUndefined();
    }
  });

  it("queries are GET, mutations never are, and paths are resource paths under the procedure's tag", () => {
    for (const [name, procedure] of procedures) {
      const openapi = procedure._def.meta?.openapi;
      if (!openapi) continue;
      if (procedure._def.type === "query") expect(openapi.method, name).toBe("GET");
      else expect(openapi.method, name).not.toBe("GET");
      expect(openapi.path, name).toMatch(/^(\/([a-z0-9-]+|\{[A-Za-z]+\}))+$/);
      expect(openapi.tags, name).toEqual([name.split(".")[0]]);
      expect(openapi.summary, name).toBeTruthy();
    }
  });
});
