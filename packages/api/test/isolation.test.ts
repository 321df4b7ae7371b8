import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import {
  clientFor,
  failure,
  signInAdmin,
  signUp,
  startApi,
  type TestApi,
} from "@fastnext/test-support";

import { type AppRouter } from "../src";
import { appRouter } from "../src/root";
import { authedProcedure, router } from "../src/trpc/procedures";

// The real router plus probes that misbehave on purpose.
const probeRouter = router({
  ...appRouter._def.record,
  probe: router({
    rawUsers: authedProcedure.query(
      ({ ctx }) => ctx.db.$queryRaw<{ id: string }[]>`SELECT id FROM users`,
    ),
    renameThenFail: authedProcedure
      .input(z.object({ name: z.string() }))
      .mutation(async ({ ctx, input }) => {
        await ctx.db.user.update({
          where: { id: ctx.principal.userId },
          data: { name: input.name },
          select: { id: true },
        });
        throw new Error("failure after the write");
      }),
  }),
});
type ProbeRouter = typeof probeRouter;

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ router: probeRouter, poolMax: 2 });
});
afterAll(async () => {
  await api.close();
});

describe("isolation between callers", () => {
  it("100 parallel requests from two users on a pool of two connections never see each other's rows", async () => {
    const ada = await signUp(api, "Ada");
    const bob = await signUp(api, "Bob");
    const clients = {
      [ada.id]: clientFor<ProbeRouter>(api.url, false, ada.accessToken),
      [bob.id]: clientFor<ProbeRouter>(api.url, false, bob.accessToken),
    };
    const calls = Array.from({ length: 100 }, (_, i) => {
      const userId = i % 2 === 0 ? ada.id : bob.id;
      const client = clients[userId];
      if (!client) throw new Error("no client");
      const call =
        i % 4 < 2
          ? client.auth.sessions.list.query().then((sessions) => sessions.map(() => userId))
          : client.users.me.query().then((me) => [me.user.id]);
      return call.then((owners) => ({ userId, owners }));
    });
    const results = await Promise.all(calls);
    for (const { userId, owners } of results) {
      expect(owners.length).toBeGreaterThan(0);
      expect(new Set(owners)).toEqual(new Set([userId]));
    }
  });

  it("raw SQL inside a request is still filtered by RLS", async () => {
    const ada = await signUp(api);
    await signUp(api);
    const client = clientFor<ProbeRouter>(api.url, false, ada.accessToken);
    expect(await client.probe.rawUsers.query()).toEqual([{ id: ada.id }]);

    const admin = await signInAdmin(api);
    const adminClient = clientFor<ProbeRouter>(api.url, false, admin.accessToken);
    expect((await adminClient.probe.rawUsers.query()).length).toBeGreaterThan(2);
  });

  it("a procedure that throws after a write leaves nothing written", async () => {
    const ada = await signUp(api, "Original");
    const client = clientFor<ProbeRouter>(api.url, false, ada.accessToken);
    const error = await failure(client.probe.renameThenFail.mutate({ name: "Changed" }));
    expect(error.data?.code).toBe("INTERNAL_SERVER_ERROR");
    const { rows } = await api.sql.query("SELECT name FROM users WHERE id = $1", [ada.id]);
    expect(rows).toEqual([{ name: "Original" }]);
  });
});

describe("bad input", () => {
  async function userCount(): Promise<number> {
    const { rows } = await api.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM users");
    return rows[0]?.n ?? -1;
  }

  it("answers BAD_REQUEST with field errors and writes nothing", async () => {
    const before = await userCount();
    const anonymous = clientFor<AppRouter>(api.url, false);
    const cases: [unknown, string[]][] = [
      [{ email: "not-an-email", name: "X", password: "long-enough" }, ["email"]],
      [{ email: "a@example.com", password: "long-enough" }, ["name"]],
      [{ email: "a@example.com", name: "X", password: "short" }, ["password"]],
      [{ email: 42, name: ["x"], password: null }, ["email", "name", "password"]],
      [{ email: "a@example.com", name: "X", password: "p".repeat(257) }, ["password"]],
    ];
    for (const [input, fields] of cases) {
      // Deliberately ill-typed input, as a hostile client would send it.
      const error = await failure(anonymous.auth.register.mutate(input as never));
      expect(error.data, JSON.stringify(input)).toMatchObject({
        code: "BAD_REQUEST",
        appCode: "VALIDATION",
      });
      expect(Object.keys(error.data?.fieldErrors ?? {}).sort()).toEqual(fields);
    }
    expect(await userCount()).toBe(before);
  });

  it("refuses a 10 MB password with PAYLOAD_TOO_LARGE before hashing anything", async () => {
    const before = await userCount();
    const started = performance.now();
    const response = await fetch(`${api.url}/auth.register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        json: { email: "big@example.com", name: "Big", password: "p".repeat(10_000_000) },
      }),
    });
    expect(response.status).toBe(413);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await userCount()).toBe(before);
  });

  it("refuses a long password at sign-in without spending a hash on it", async () => {
    const error = await failure(
      clientFor<AppRouter>(api.url, false).auth.login.mutate({
        email: "a@example.com",
        password: "p".repeat(300),
      }),
    );
    expect(error.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { password: [expect.any(String)] },
    });
  });
});
