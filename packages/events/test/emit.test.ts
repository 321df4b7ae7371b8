import { randomUUID } from "node:crypto";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createPrismaClient, QUEUE_SCHEMA, withScope, type PrismaClient } from "@fastnext/db";
import { createTestDatabase, type TestDatabase } from "@fastnext/db/testing";

import { emitEvent, QUEUES, type EventName } from "../src";
import { queueClient } from "../src/queue-client";

let db: TestDatabase;
let app: PrismaClient;
let admin: pg.Client;
const userId = randomUUID();

beforeAll(async () => {
  db = await createTestDatabase();
  app = createPrismaClient({ connectionString: db.appUrl, max: 2 });
  admin = new pg.Client({ connectionString: db.adminUrl });
  await admin.connect();
  await admin.query(
    "INSERT INTO users (id, email, name, password_hash, updated_at) VALUES ($1, 'e@example.com', 'E', 'x', now())",
    [userId],
  );
});
afterAll(async () => {
  await app.$disconnect();
  await admin.end();
  await db.drop();
});

const scope = { userId, permissions: [], requestId: "req-events-1" };

describe("emitEvent", () => {
  it("records the event with its actor and request id when the transaction commits", async () => {
    const id = await withScope(app, scope, (tx) => emitEvent(tx, "user.registered", { userId }));
    const { rows } = await admin.query(
      "SELECT name, payload, actor_id, request_id FROM domain_events WHERE id = $1",
      [id],
    );
    expect(rows).toEqual([
      {
        name: "user.registered",
        payload: { userId },
        actor_id: userId,
        request_id: "req-events-1",
      },
    ]);
  });

  it("leaves no event when the transaction rolls back", async () => {
    let emitted = "";
    await expect(
      withScope(app, scope, async (tx) => {
        emitted = await emitEvent(tx, "user.registered", { userId });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(emitted).not.toBe("");
    const { rowCount } = await admin.query("SELECT 1 FROM domain_events WHERE id = $1", [emitted]);
    expect(rowCount).toBe(0);
  });

  it("refuses a malformed payload before writing anything", async () => {
    await expect(
      withScope(app, scope, (tx) => emitEvent(tx, "user.registered", { userId: "nope" })),
    ).rejects.toThrow();
  });

  it("refuses a name outside the catalogue before writing anything", async () => {
    const before = await admin.query("SELECT count(*)::int AS n FROM domain_events");
    await expect(
      withScope(app, scope, (tx) => emitEvent(tx, "user.renamed" as EventName, { userId })),
    ).rejects.toThrow(/not a catalogued event/);
    const after = await admin.query("SELECT count(*)::int AS n FROM domain_events");
    expect(after.rows).toEqual(before.rows);
  });

  it("cannot be written in anyone else's name, nor read back by the app", async () => {
    await expect(
      withScope(
        app,
        scope,
        (tx) =>
          tx.$executeRaw`INSERT INTO domain_events (id, name, payload, actor_id) VALUES (gen_random_uuid(), 'x', '{}', gen_random_uuid())`,
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(withScope(app, scope, (tx) => tx.domainEvent.count())).rejects.toThrow(
      /permission denied/,
    );
  });

  it("cannot be written around emitEvent: an event needs its dispatch job", async () => {
    const id = randomUUID();
    await expect(
      withScope(
        app,
        scope,
        (tx) =>
          tx.$executeRaw`INSERT INTO domain_events (id, name, payload) VALUES (${id}::uuid, 'user.registered', '{}')`,
      ),
    ).rejects.toThrow(/has no dispatch job/);
    const { rowCount } = await admin.query("SELECT 1 FROM domain_events WHERE id = $1", [id]);
    expect(rowCount).toBe(0);
  });
});

describe("the queue", () => {
  it("gets the event's dispatch job in the same transaction, with the queue's settings", async () => {
    const committed = await withScope(app, scope, (tx) =>
      emitEvent(tx, "user.registered", { userId }),
    );
    const { rows } = await admin.query(
      `SELECT j.id, j.name, j.state::text AS state, j.data,
              j.retry_limit = q.retry_limit AND j.retry_delay = q.retry_delay
                AND j.retry_backoff = q.retry_backoff
                AND j.expire_in = q.expire_seconds * interval '1 second' AS settings_of_queue
         FROM pgboss.job j JOIN pgboss.queue q ON q.name = j.name
        WHERE j.data->>'eventId' = $1`,
      [committed],
    );
    expect(rows).toEqual([
      {
        id: committed,
        name: QUEUES.dispatch,
        state: "created",
        data: { eventId: committed },
        settings_of_queue: true,
      },
    ]);
  });

  it("loses the job with the event when the transaction rolls back after the enqueue", async () => {
    let rolledBack = "";
    await expect(
      withScope(app, scope, async (tx) => {
        rolledBack = await emitEvent(tx, "user.registered", { userId });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(rolledBack).not.toBe("");
    const none = await admin.query(
      "SELECT 1 FROM pgboss.job WHERE id = $1 UNION ALL SELECT 1 FROM domain_events WHERE id = $1",
      [rolledBack],
    );
    expect(none.rowCount).toBe(0);
  });

  it("is closed to the application role but for the dispatch job of its own new event", async () => {
    await expect(
      withScope(app, scope, (tx) => tx.$queryRaw`SELECT data FROM pgboss.job`),
    ).rejects.toThrow(/permission denied/);
    await expect(
      withScope(
        app,
        scope,
        (tx) =>
          tx.$executeRaw`INSERT INTO pgboss.job (id, name, data) VALUES (gen_random_uuid(), 'events.handle', '{}')`,
      ),
    ).rejects.toThrow(/row-level security/);
    // A dispatch job that carries another id than its own.
    await expect(
      withScope(
        app,
        scope,
        (tx) =>
          tx.$executeRaw`INSERT INTO pgboss.job (id, name, data) VALUES (gen_random_uuid(), 'events.dispatch', jsonb_build_object('eventId', gen_random_uuid()::text))`,
      ),
    ).rejects.toThrow(/row-level security/);
    // A second dispatch of an event that exists (once its first job is gone).
    const existing = await withScope(app, scope, (tx) =>
      emitEvent(tx, "user.registered", { userId }),
    );
    await admin.query("DELETE FROM pgboss.job WHERE id = $1", [existing]);
    await expect(
      withScope(
        app,
        scope,
        (tx) =>
          tx.$executeRaw`INSERT INTO pgboss.job (id, name, data) VALUES (${existing}::uuid, 'events.dispatch', jsonb_build_object('eventId', ${existing}::text))`,
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withScope(app, scope, (tx) => tx.$queryRaw`SELECT count(*)::int AS n FROM pgboss.job`),
    ).resolves.toEqual([{ n: 0 }]);
    await expect(
      withScope(app, scope, (tx) => tx.$queryRaw`SELECT pgboss.create_queue('x', '{}')`),
    ).rejects.toThrow(/permission denied/);
  });

  it("takes no job outside a transaction", async () => {
    await expect(queueClient.send(QUEUES.dispatch, { eventId: randomUUID() })).rejects.toThrow(
      /jobs belong to a transaction/,
    );
  });

  it("holds every queue the code names, in the schema the code names", async () => {
    const { rows } = await admin.query<{ name: string }>(
      `SELECT name FROM ${QUEUE_SCHEMA}.queue WHERE name = ANY($1)`,
      [Object.values(QUEUES)],
    );
    expect(rows.map((r) => r.name).sort()).toEqual(Object.values(QUEUES).sort());
  });
});
