import { randomUUID } from "node:crypto";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createPrismaClient, withScope, type PrismaClient } from "@fastnext/db";
import { QUEUE_SCHEMA as DB_QUEUE_SCHEMA } from "@fastnext/db/admin";
import { createTestDatabase, type TestDatabase } from "@fastnext/db/testing";

import { emitEvent, QUEUE_SCHEMA, QUEUES } from "../src";

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

  it("cannot be written around app.emit_event (in anyone's name), nor read back by the app", async () => {
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
});

describe("the queue", () => {
  it("gets the event's dispatch job in the same transaction, and loses it on rollback", async () => {
    const committed = await withScope(app, scope, (tx) =>
      emitEvent(tx, "user.registered", { userId }),
    );
    const { rows } = await admin.query(
      "SELECT name, state::text AS state FROM pgboss.job WHERE data->>'eventId' = $1",
      [committed],
    );
    expect(rows).toEqual([{ name: QUEUES.dispatch, state: "created" }]);

    let rolledBack = "";
    await expect(
      withScope(app, scope, async (tx) => {
        rolledBack = await emitEvent(tx, "user.registered", { userId });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const none = await admin.query("SELECT 1 FROM pgboss.job WHERE data->>'eventId' = $1", [
      rolledBack,
    ]);
    expect(none.rowCount).toBe(0);
  });

  it("is closed to the application role, which enqueues only through app.emit_event", async () => {
    await expect(
      withScope(app, scope, (tx) => tx.$queryRaw`SELECT count(*) FROM pgboss.job`),
    ).rejects.toThrow(/permission denied/);
    await expect(
      withScope(
        app,
        scope,
        (tx) => tx.$executeRaw`INSERT INTO pgboss.job (name, data) VALUES ('events.handle', '{}')`,
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      withScope(app, scope, (tx) => tx.$queryRaw`SELECT pgboss.create_queue('x', '{}')`),
    ).rejects.toThrow(/permission denied/);
  });

  it("names the schema the migration path installs", () => {
    expect(QUEUE_SCHEMA).toBe(DB_QUEUE_SCHEMA);
  });
});
