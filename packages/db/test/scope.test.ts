import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createPrismaClient } from "../src/client";
import { Prisma, PrismaClient } from "../src/generated/prisma/client";
import { scopedRows, withScope, withSessionScope, type ScopedDb } from "../src/scope";
import { countStatements, createStatementCounter } from "../src/statement-counter";
import { createTestDatabase, type TestDatabase } from "../src/testing";

let db: TestDatabase;
let admin: pg.Client;
const counter = createStatementCounter();
let app: PrismaClient;
let single: PrismaClient;
const userId = randomUUID();
const sessionId = randomUUID();

const settings = async (tx: ScopedDb) => {
  const [row] = await tx.$queryRaw<{ user_id: string; permissions: string; request_id: string }[]>`
    SELECT current_setting('app.user_id', true) AS user_id,
           current_setting('app.permissions', true) AS permissions,
           current_setting('app.request_id', true) AS request_id`;
  return row;
};

beforeAll(async () => {
  db = await createTestDatabase();
  admin = new pg.Client({ connectionString: db.adminUrl });
  await admin.connect();
  await admin.query(
    "INSERT INTO users (id, email, name, password_hash, updated_at) VALUES ($1, 'scope@example.com', 'Scope', 'x', now())",
    [userId],
  );
  await admin.query(
    "INSERT INTO sessions (id, user_id, device_label, expires_at) VALUES ($1, $2, 'laptop', now() + interval '1 day')",
    [sessionId, userId],
  );
  app = createPrismaClient({
    connectionString: db.appUrl,
    max: 2,
    onConnection: counter.onConnection,
  });
  single = createPrismaClient({ connectionString: db.appUrl, max: 1 });
});

afterAll(async () => {
  await app.$disconnect();
  await single.$disconnect();
  await admin.end();
  await db.drop();
});

describe("opening a scoped transaction", () => {
  it("sends BEGIN and the scope in one round trip, then the work, then COMMIT", async () => {
    const { result, statements, roundTrips } = await counter.during(() =>
      withScope(app, { userId, permissions: ["user.read"], requestId: "r-1" }, settings),
    );
    expect(result).toEqual({ user_id: userId, permissions: "user.read", request_id: "r-1" });
    expect({ statements, roundTrips }).toEqual({ statements: 4, roundTrips: 3 });
  });

  it("a signed-in request learns its account and session state from the same round trip", async () => {
    const scope = { userId, sessionId, permissions: ["project.read"], requestId: "r-2" };
    const { result, roundTrips } = await counter.during(() =>
      withSessionScope(app, scope, async (tx, state) => ({ state, seen: await settings(tx) })),
    );
    expect(result.state).toEqual({
      isActive: true,
      isSuperuser: false,
      accessVersion: expect.any(Number),
      sessionValid: true,
    });
    expect(result.seen).toEqual({
      user_id: userId,
      permissions: "project.read",
      request_id: "r-2",
    });
    expect(roundTrips).toBe(3);
    const gone = await withSessionScope(app, { ...scope, userId: randomUUID() }, (_tx, state) =>
      Promise.resolve(state),
    );
    expect(gone).toBeNull();
  });

  it("carries quotes, backslashes and semicolons in values verbatim, as data", async () => {
    const requestId = String.raw`x'); SELECT pg_sleep(5); -- \' ; "`;
    const { result, statements } = await counter.during(() =>
      withScope(app, { userId, permissions: [], requestId }, settings),
    );
    expect(result?.request_id).toBe(requestId);
    expect(statements).toBe(4);
  });

  it("30 concurrent transactions on 2 connections each see only their own scope", async () => {
    const ids = Array.from({ length: 30 }, () => randomUUID());
    const seen = await Promise.all(
      ids.map((id, i) =>
        withScope(app, { userId: id, permissions: [], requestId: `c-${i}` }, async (tx) => {
          const first = await settings(tx);
          await sleep(i % 3);
          const second = await settings(tx);
          return [first?.user_id, second?.user_id, second?.request_id];
        }),
      ),
    );
    expect(seen).toEqual(ids.map((id, i) => [id, id, `c-${i}`]));
  });

  it("a transaction opened inside another gets its own connection and scope; the outer keeps its own", async () => {
    const inner = randomUUID();
    const result = await withScope(app, { userId, permissions: [] }, async (tx) => {
      const nested = await withScope(app, { userId: inner, permissions: [] }, settings);
      return { nested: nested?.user_id, outer: (await settings(tx))?.user_id };
    });
    expect(result).toEqual({ nested: inner, outer: userId });
  });

  it("a failing opening statement rejects and leaves the only connection clean and usable", async () => {
    await expect(
      withSessionScope(
        single,
        { userId: "not-a-uuid", sessionId, permissions: [], requestId: "bad" },
        () => Promise.resolve("never"),
      ),
    ).rejects.toThrow(/uuid/);
    // A fresh connection (null) or a reused one after its transaction ended ("").
    const after = await single.$transaction((tx) => settings(tx));
    for (const value of Object.values(after ?? {})) expect([null, ""]).toContain(value);
    expect(
      await withScope(single, { userId, permissions: [] }, (tx) => settings(tx)),
    ).toMatchObject({ user_id: userId });
  });

  it("work that throws rolls back what it wrote", async () => {
    const label = `rollback-${randomUUID()}`;
    await expect(
      withScope(app, { userId, permissions: [] }, async (tx) => {
        const changed =
          await tx.$executeRaw`UPDATE sessions SET device_label = ${label} WHERE id = ${sessionId}::uuid`;
        if (changed !== 1) throw new Error(`the write did not happen (${changed} rows)`);
        throw new Error("half-way");
      }),
    ).rejects.toThrow("half-way");
    const { rows } = await admin.query("SELECT device_label FROM sessions WHERE id = $1", [
      sessionId,
    ]);
    expect(rows[0]).toEqual({ device_label: "laptop" });
  });

  it("refuses a Prisma client that was not made by createPrismaClient", async () => {
    const foreign = new PrismaClient({
      adapter: new PrismaPg({ connectionString: db.appUrl, max: 1 }),
    });
    try {
      expect(() => withScope(foreign, { userId, permissions: [] }, settings)).toThrow(
        /createPrismaClient/,
      );
    } finally {
      await foreign.$disconnect();
    }
  });
});

describe("statements on the transaction's own connection (scopedRows)", () => {
  const label = (tx: ScopedDb) =>
    scopedRows(tx, Prisma.sql`SELECT device_label FROM sessions WHERE id = ${sessionId}::uuid`);

  it("run in the same transaction as Prisma's queries, with the caller's scope, in one round trip each", async () => {
    const written = `same-tx-${randomUUID()}`;
    const { result, statements, roundTrips } = await counter.during(() =>
      withScope(app, { userId, permissions: ["user.read"], requestId: "raw-1" }, async (tx) => {
        await tx.session.update({ where: { id: sessionId }, data: { deviceLabel: written } });
        const seen = await scopedRows(
          tx,
          Prisma.sql`SELECT current_setting('app.user_id', true) AS user_id,
                            current_setting('app.request_id', true) AS request_id`,
        );
        const rows = await label(tx);
        throw Object.assign(new Error("undo"), { seen, rows });
      }).catch((error: unknown) => error as Error & { seen: unknown; rows: unknown }),
    );
    // Uncommitted: only the same transaction could see the update.
    expect(result.rows).toEqual([{ device_label: written }]);
    expect(result.seen).toEqual([{ user_id: userId, request_id: "raw-1" }]);
    // BEGIN+scope, the update, two raw statements, ROLLBACK.
    expect({ statements, roundTrips }).toEqual({ statements: 6, roundTrips: 5 });
    const { rows } = await admin.query("SELECT device_label FROM sessions WHERE id = $1", [
      sessionId,
    ]);
    expect(rows[0]).toEqual({ device_label: "laptop" });
  });

  it("are under the caller's policies: another user's session is not there", async () => {
    const rows = await withScope(app, { userId: randomUUID(), permissions: [] }, label);
    expect(rows).toEqual([]);
  });

  it("carry their values as parameters, never as SQL", async () => {
    const hostile = "x' OR true; DROP TABLE users; --";
    const rows = await withScope(app, { userId, permissions: [] }, (tx) =>
      scopedRows(tx, Prisma.sql`SELECT ${hostile}::text AS value`),
    );
    expect(rows).toEqual([{ value: hostile }]);
  });

  it("are refused once the transaction has committed, so a later caller's connection never gets them", async () => {
    let kept: ScopedDb | undefined;
    await withScope(single, { userId, permissions: [] }, async (tx) => {
      kept = tx;
      return label(tx);
    });
    if (!kept) throw new Error("the work did not run");
    const after = kept;
    // The only connection is back in the pool, and now in another caller's transaction.
    await withScope(single, { userId: randomUUID(), permissions: [] }, async () => {
      await expect(label(after)).rejects.toThrow(/not a scoped transaction|has ended/i);
    });
  });

  it("are refused after the transaction timed out and rolled back, even while its work runs on", async () => {
    const outcome = withScope(
      single,
      { userId, permissions: [] },
      async (tx) => {
        await sleep(400);
        return label(tx);
      },
      { timeoutMs: 100 },
    );
    await expect(outcome).rejects.toThrow(/has ended|expired|timeout|closed/i);
    // The connection went back clean: a new transaction sees only its own scope.
    const other = randomUUID();
    expect(await withScope(single, { userId: other, permissions: [] }, settings)).toMatchObject({
      user_id: other,
    });
  });

  it("refuse a client that is not a scoped transaction", async () => {
    await expect(label(app as unknown as ScopedDb)).rejects.toThrow(/not a scoped transaction/i);
  });
});

describe("counting statements", () => {
  it("splits on semicolons outside string literals only", () => {
    expect(countStatements("BEGIN")).toBe(1);
    expect(countStatements("BEGIN; SELECT 1;")).toBe(2);
    expect(countStatements("SELECT 'a;b'; SELECT 'it''s; fine'")).toBe(2);
    expect(countStatements(String.raw`BEGIN; SELECT E'\\'';' , 'x'`)).toBe(2);
    expect(countStatements(" ; ;")).toBe(0);
  });
});
