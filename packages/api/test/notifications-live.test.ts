import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { NOTIFICATION_CHANNEL } from "@fastnext/events";
import { signUp, startApi, type TestApi } from "@fastnext/test-support";

import { liveClient, notify, type Auth } from "./notifications-fixtures";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

interface Received {
  id: string;
  title: string;
  at: number;
}

/** Opens `notifications.onNew` over SSE and collects what arrives. */
async function subscribe(auth: Auth, userId: string | null, input?: { lastEventId: string }) {
  const received: Received[] = [];
  const cursors: string[] = [];
  const errors: {
    code?: string;
    reason?: string | null;
    fieldErrors?: unknown;
    message?: string;
  }[] = [];
  const client = liveClient(api, auth);
  const subscription = client.notifications.onNew.subscribe(input, {
    onData(envelope) {
      received.push({ id: envelope.data.id, title: envelope.data.title, at: Date.now() });
      cursors.push(envelope.id);
    },
    onError(error) {
      const data = error.data as
        { code?: string; reason?: string | null; fieldErrors?: unknown } | undefined;
      errors.push({
        code: data?.code,
        reason: data?.reason,
        fieldErrors: data?.fieldErrors,
        message: error.message,
      });
    },
  });
  // Subscribed once the server has registered it with the process's hub.
  if (userId)
    await expect
      .poll(() => api.deps.notifications?.subscriberCount(userId), { timeout: 5_000 })
      .toBe(1);
  return { received, cursors, errors, close: () => subscription.unsubscribe() };
}

describe("notifications.onNew", () => {
  it("delivers a committed notification to the open subscription within a second", async () => {
    const ann = await signUp(api, "Ann");
    const bob = await signUp(api, "Bob");
    const live = await subscribe({ via: "connectionParams", token: ann.accessToken }, ann.id);

    await notify(api, bob.id, { title: "for Bob only" });
    const arranged = await notify(api, ann.id, { title: "Order 1 assigned" });
    await expect.poll(() => live.received.length, { timeout: 2_000, interval: 20 }).toBe(1);
    expect(live.received[0]).toMatchObject({ id: arranged.id, title: "Order 1 assigned" });
    expect((live.received[0]?.at ?? Infinity) - arranged.committedAt).toBeLessThan(1_000);

    // A second one, and nothing of Bob's, ever.
    const second = await notify(api, ann.id, { title: "Order 2 assigned" });
    await expect
      .poll(() => live.received.map((r) => r.id), { timeout: 2_000, interval: 20 })
      .toEqual([arranged.id, second.id]);
    live.close();
    await expect
      .poll(() => api.deps.notifications?.subscriberCount(ann.id), { timeout: 5_000 })
      .toBe(0);
  });

  it("accepts the access token in the Authorization header too", async () => {
    const ann = await signUp(api, "Ann");
    const live = await subscribe({ via: "header", token: ann.accessToken }, ann.id);
    const arranged = await notify(api, ann.id);
    await expect
      .poll(() => live.received.map((r) => r.id), { timeout: 2_000, interval: 20 })
      .toEqual([arranged.id]);
    live.close();
    await expect
      .poll(() => api.deps.notifications?.subscriberCount(ann.id), { timeout: 5_000 })
      .toBe(0);
  });

  it("refuses a subscription without a valid token, and opens nothing", async () => {
    const before = api.deps.notifications?.subscriberCount() ?? 0;
    const anonymous = await subscribe({ via: "none" }, null);
    await expect
      .poll(() => anonymous.errors, { timeout: 5_000 })
      .toMatchObject([{ code: "UNAUTHORIZED", reason: "not_signed_in" }]);
    anonymous.close();
    const forged = await subscribe({ via: "connectionParams", token: "not-a-token" }, null);
    await expect
      .poll(() => forged.errors, { timeout: 5_000 })
      .toMatchObject([{ code: "UNAUTHORIZED", reason: "invalid_token" }]);
    forged.close();
    expect(api.deps.notifications?.subscriberCount()).toBe(before);
  });

  it("does not replay what existed before it opened, and resumes after lastEventId", async () => {
    const ann = await signUp(api, "Ann");
    await notify(api, ann.id, { title: "old news" });
    const first = await subscribe({ via: "connectionParams", token: ann.accessToken }, ann.id);
    const one = await notify(api, ann.id, { title: "one" });
    await expect.poll(() => first.received.map((r) => r.id), { timeout: 2_000 }).toEqual([one.id]);
    first.close();
    await expect
      .poll(() => api.deps.notifications?.subscriberCount(ann.id), { timeout: 5_000 })
      .toBe(0);

    // Missed while disconnected: delivered on resume, and only those.
    const two = await notify(api, ann.id, { title: "two" });
    const three = await notify(api, ann.id, { title: "three" });
    const resumed = await subscribe({ via: "connectionParams", token: ann.accessToken }, ann.id, {
      lastEventId: first.cursors[0] ?? "",
    });
    await expect
      .poll(() => resumed.received.map((r) => r.id), { timeout: 2_000 })
      .toEqual([two.id, three.id]);
    resumed.close();
  });

  it("keeps delivering after the listening connection is lost", async () => {
    const ann = await signUp(api, "Ann");
    const live = await subscribe({ via: "connectionParams", token: ann.accessToken }, ann.id);
    const { rowCount } = await api.sql.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND query = $1`,
      [`LISTEN ${NOTIFICATION_CHANNEL}`],
    );
    expect(rowCount).toBe(1);
    // Sent while nobody listens: the hub reconnects and wakes every subscriber to re-read.
    const missed = await notify(api, ann.id, { title: "while reconnecting" });
    await expect
      .poll(() => live.received.map((r) => r.id), { timeout: 5_000 })
      .toEqual([missed.id]);
    const after = await notify(api, ann.id, { title: "after reconnecting" });
    await expect
      .poll(() => live.received.map((r) => r.id), { timeout: 5_000 })
      .toEqual([missed.id, after.id]);
    live.close();
  });

  it("ends when the session is signed out", async () => {
    const ann = await signUp(api, "Ann");
    const live = await subscribe({ via: "connectionParams", token: ann.accessToken }, ann.id);
    await ann.client.auth.logoutAll.mutate();
    await notify(api, ann.id, { title: "after sign-out" });
    await expect
      .poll(() => live.errors, { timeout: 5_000 })
      .toMatchObject([{ code: "UNAUTHORIZED", reason: "session_ended" }]);
    expect(live.received).toEqual([]);
    live.close();
  });

  it("refuses a malformed lastEventId with BAD_REQUEST on that field, like any query, and opens nothing", async () => {
    const ann = await signUp(api, "Ann");
    const before = api.deps.notifications?.subscriberCount(ann.id) ?? 0;
    const live = await subscribe({ via: "connectionParams", token: ann.accessToken }, null, {
      lastEventId: "garbage",
    });
    await expect
      .poll(() => live.errors, { timeout: 5_000 })
      .toEqual([
        {
          code: "BAD_REQUEST",
          reason: null,
          fieldErrors: { lastEventId: ["Invalid cursor"] },
          message: "lastEventId: Invalid cursor",
        },
      ]);
    live.close();
    expect(api.deps.notifications?.subscriberCount(ann.id)).toBe(before);
  });

  it("maps an application error raised while the stream runs, instead of INTERNAL_SERVER_ERROR", async () => {
    const ann = await signUp(api, "Ann");
    // Signed, so it passes the input schema; the position inside is one the database cannot hold.
    const cursor = api.deps.cursors.seal({
      at: "0000-01-01T00:00:00.000Z",
      id: "00000000-0000-4000-8000-000000000000",
    });
    const live = await subscribe({ via: "connectionParams", token: ann.accessToken }, null, {
      lastEventId: cursor,
    });
    await expect
      .poll(() => live.errors, { timeout: 5_000 })
      .toMatchObject([{ code: "BAD_REQUEST", fieldErrors: { cursor: ["Invalid cursor"] } }]);
    live.close();
  });
});
