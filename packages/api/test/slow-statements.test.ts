import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import { EnvError } from "@fastnext/config";
import { readDbEnv } from "@fastnext/db/env";
import { clientFor, signUp, startApi, type TestApi } from "@fastnext/test-support";

import { appRouter } from "../src/root";
import { authedProcedure, mergeRouters, router } from "../src/trpc/procedures";

/** A procedure whose one statement is slow, carrying a value that must not be logged. */
const probeRouter = mergeRouters(
  appRouter,
  router({
    probe: router({
      sleep: authedProcedure
        .input(z.object({ secret: z.string() }))
        .query(async ({ ctx, input }) => {
          const rows = await ctx.db.$queryRaw<{ echoed: string }[]>`
            SELECT pg_sleep(0.3)::text AS slept, ${input.secret}::text AS echoed`;
          return rows[0]?.echoed ?? null;
        }),
    }),
  }),
);

const THRESHOLD_MS = 150;
let slow: TestApi;
let quiet: TestApi;

beforeAll(async () => {
  [slow, quiet] = await Promise.all([
    startApi({ router: probeRouter, slowQueryMs: THRESHOLD_MS }),
    startApi({ router: probeRouter }),
  ]);
});
afterAll(() => Promise.all([slow.close(), quiet.close()]));

const slowLines = (api: TestApi) => api.logs.lines.filter((line) => line.msg === "slow statement");

describe("slow statements (DB_SLOW_QUERY_MS)", () => {
  it("logs a statement over the threshold once, with procedure, request id and duration, without values", async () => {
    const user = await signUp(slow);
    const secret = `secret-${Date.now()}`;
    const client = clientFor<typeof probeRouter>(slow.url, false, user.accessToken);
    expect(await client.probe.sleep.query({ secret })).toBe(secret);

    const call = slow.logs.lines.find((l) => l.msg === "procedure ok" && l.path === "probe.sleep");
    expect(call?.requestId).toEqual(expect.any(String));
    const sleeps = slowLines(slow).filter((l) => String(l.statement).includes("pg_sleep"));
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toMatchObject({
      level: 40,
      procedure: "probe.sleep",
      requestId: call?.requestId,
      durationMs: expect.any(Number),
      statement: expect.stringContaining("SELECT pg_sleep(0.3)::text AS slept, $1::text AS echoed"),
    });
    expect(Number(sleeps[0]?.durationMs)).toBeGreaterThanOrEqual(THRESHOLD_MS);
    // Nothing else of the request was that slow, and the value is in no line at all.
    expect(JSON.stringify(slow.logs.lines)).not.toContain(secret);
  });

  it("logs nothing when no threshold is set", async () => {
    const user = await signUp(quiet);
    const client = clientFor<typeof probeRouter>(quiet.url, false, user.accessToken);
    expect(await client.probe.sleep.query({ secret: "x" })).toBe("x");
    expect(slowLines(quiet)).toEqual([]);
  });

  it("reads the threshold as a positive whole number of milliseconds", () => {
    const base = { DATABASE_URL: "postgresql://owner@127.0.0.1:5432/app" };
    expect(readDbEnv(base).slowQueryMs).toBeNull();
    expect(readDbEnv({ ...base, DB_SLOW_QUERY_MS: "250" }).slowQueryMs).toBe(250);
    for (const bad of ["0", "-5", "1.5", "soon"]) {
      expect(() => readDbEnv({ ...base, DB_SLOW_QUERY_MS: bad }), bad).toThrow(EnvError);
      expect(() => readDbEnv({ ...base, DB_SLOW_QUERY_MS: bad }), bad).toThrow(/DB_SLOW_QUERY_MS/);
    }
  });
});
