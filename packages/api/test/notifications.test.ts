import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { withScope } from "@fastnext/db";
import { failure, signUp, startApi, type TestApi } from "@fastnext/test-support";

import { notify } from "./notifications-fixtures";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

async function activityCount(userId: string, action: string): Promise<number> {
  const { rows } = await api.sql.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM activities WHERE actor_id = $1 AND action = $2",
    [userId, action],
  );
  return rows[0]?.n ?? 0;
}

async function readAt(id: string): Promise<Date | null> {
  const { rows } = await api.sql.query<{ read_at: Date | null }>(
    "SELECT read_at FROM notifications WHERE id = $1",
    [id],
  );
  return rows[0]?.read_at ?? null;
}

describe("notifications.list and unreadCount", () => {
  it("lists only the caller's, newest first, paged by cursor, optionally unread only", async () => {
    const ann = await signUp(api, "Ann");
    const bob = await signUp(api, "Bob");
    const first = await notify(api, ann.id, { title: "first", readAt: new Date() });
    const second = await notify(api, ann.id, {
      title: "second",
      data: { projectId: "p-1", instanceId: "i-1" },
    });
    const third = await notify(api, ann.id, { title: "third" });
    await notify(api, bob.id, { title: "Bob's" });

    const page1 = await ann.client.notifications.list.query({ limit: 2 });
    expect(page1.items.map((n) => n.id)).toEqual([third.id, second.id]);
    expect(page1.items[1]).toMatchObject({
      title: "second",
      kind: "workflow.assigned",
      data: { projectId: "p-1", instanceId: "i-1" },
      readAt: null,
    });
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = await ann.client.notifications.list.query({ limit: 2, cursor: page1.nextCursor });
    expect(page2).toEqual({ items: [expect.objectContaining({ id: first.id })], nextCursor: null });

    const unread = await ann.client.notifications.list.query({ unread: true });
    expect(unread.items.map((n) => n.id)).toEqual([third.id, second.id]);
    expect(await ann.client.notifications.unreadCount.query()).toEqual({ count: 2 });
    expect(await bob.client.notifications.unreadCount.query()).toEqual({ count: 1 });
    expect((await bob.client.notifications.list.query({})).items.map((n) => n.title)).toEqual([
      "Bob's",
    ]);
  });

  it("refuses callers who are not signed in, and malformed cursors", async () => {
    expect((await failure(api.client().notifications.list.query({}))).data).toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect((await failure(api.client().notifications.unreadCount.query())).data).toMatchObject({
      code: "UNAUTHORIZED",
    });
    const ann = await signUp(api, "Ann");
    const bad = await failure(ann.client.notifications.list.query({ cursor: "not-a-cursor" }));
    expect(bad.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { cursor: ["Invalid cursor"] },
    });
    const tooMany = await failure(ann.client.notifications.list.query({ limit: 1000 }));
    expect(tooMany.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { limit: [expect.any(String)] },
    });
  });
});

describe("notifications.markRead and markAllRead", () => {
  it("marks the caller's notifications read, idempotently, with one activity entry per call", async () => {
    const ann = await signUp(api, "Ann");
    const one = await notify(api, ann.id);
    const two = await notify(api, ann.id);
    expect(await ann.client.notifications.markRead.mutate({ ids: [one.id] })).toEqual({
      updated: 1,
    });
    expect(await readAt(one.id)).toBeInstanceOf(Date);
    expect(await readAt(two.id)).toBeNull();
    // Again, plus the other one: only the unread one changes.
    expect(
      await ann.client.notifications.markRead.mutate({ ids: [one.id, two.id, two.id] }),
    ).toEqual({ updated: 1 });
    expect(await activityCount(ann.id, "notification.read")).toBe(2);
    expect(await ann.client.notifications.unreadCount.query()).toEqual({ count: 0 });
  });

  it("treats someone else's notification as not found and changes nothing", async () => {
    const ann = await signUp(api, "Ann");
    const bob = await signUp(api, "Bob");
    const mine = await notify(api, ann.id);
    const bobs = await notify(api, bob.id);
    const error = await failure(
      ann.client.notifications.markRead.mutate({ ids: [mine.id, bobs.id] }),
    );
    expect(error.data).toMatchObject({ code: "NOT_FOUND", reason: "notification_not_found" });
    expect(await readAt(mine.id)).toBeNull();
    expect(await readAt(bobs.id)).toBeNull();
    expect(await activityCount(ann.id, "notification.read")).toBe(0);
    const unknown = await failure(
      ann.client.notifications.markRead.mutate({ ids: [randomUUID()] }),
    );
    expect(unknown.data).toMatchObject({ code: "NOT_FOUND" });
  });

  it("validates ids with field errors", async () => {
    const ann = await signUp(api, "Ann");
    const empty = await failure(ann.client.notifications.markRead.mutate({ ids: [] }));
    expect(empty.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { ids: [expect.any(String)] },
    });
    const malformed = await failure(ann.client.notifications.markRead.mutate({ ids: ["nope"] }));
    expect(malformed.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { "ids.0": [expect.any(String)] },
    });
  });

  it("marks every unread one of the caller's read, and nobody else's", async () => {
    const ann = await signUp(api, "Ann");
    const bob = await signUp(api, "Bob");
    await notify(api, ann.id);
    await notify(api, ann.id);
    const bobs = await notify(api, bob.id);
    expect(await ann.client.notifications.markAllRead.mutate()).toEqual({ updated: 2 });
    expect(await ann.client.notifications.markAllRead.mutate()).toEqual({ updated: 0 });
    expect(await activityCount(ann.id, "notification.read_all")).toBe(2);
    expect(await readAt(bobs.id)).toBeNull();
  });
});

describe("the notifications table", () => {
  it("cannot be written by the application role: only the worker's system login inserts", async () => {
    const ann = await signUp(api, "Ann");
    await expect(
      withScope(
        api.deps.pool,
        { userId: ann.id, permissions: [] },
        (tx) =>
          tx.$executeRaw`INSERT INTO notifications (id, user_id, kind, title, body) VALUES (gen_random_uuid(), ${ann.id}::uuid, 'x', 't', 'b')`,
      ),
    ).rejects.toThrow(/permission denied/);
    // Only read_at may change, and only on the caller's own rows.
    const mine = await notify(api, ann.id);
    await expect(
      withScope(
        api.deps.pool,
        { userId: ann.id, permissions: [] },
        (tx) =>
          tx.$executeRaw`UPDATE notifications SET title = 'changed' WHERE id = ${mine.id}::uuid`,
      ),
    ).rejects.toThrow(/permission denied/);
  });
});
