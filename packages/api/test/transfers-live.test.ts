import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { NOTIFICATION_CHANNEL } from "@fastnext/events";
import { signUp, startApi, type TestApi } from "@fastnext/test-support";

import { liveClient } from "./notifications-fixtures";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

/** What the worker does when a transfer moves: the row, then the requester's wake-up. */
async function move(userId: string, id: string, set: string) {
  await api.sql.query(`UPDATE data_transfers SET ${set}, updated_at = now() WHERE id = $1`, [id]);
  await api.sql.query("SELECT pg_notify($1, $2)", [NOTIFICATION_CHANNEL, `transfer:${userId}`]);
}

describe("transfers.onProgress", () => {
  it("streams the transfer's moves to its requester and ends when it finishes", async () => {
    const ann = await signUp(api, "Ann");
    const queued = await ann.client.transfers.exports.create.mutate({
      resource: "projects",
      format: "csv",
    });
    const seen: { status: string; processedRows: number }[] = [];
    let ended = false;
    const client = liveClient(api, { via: "header", token: ann.accessToken });
    const subscription = client.transfers.onProgress.subscribe(
      { id: queued.id },
      {
        onData: (view) => seen.push({ status: view.status, processedRows: view.processedRows }),
        onComplete: () => {
          ended = true;
        },
      },
    );
    try {
      await expect.poll(() => seen.length, { timeout: 5_000 }).toBe(1);
      await expect.poll(() => api.deps.notifications?.subscriberCount(ann.id, "transfers")).toBe(1);
      // A wake-up for another user's topic, or for Ann's notifications, moves nothing here.
      await api.sql.query("SELECT pg_notify($1, $2)", [NOTIFICATION_CHANNEL, ann.id]);
      await move(ann.id, queued.id, "status = 'running', processed_rows = 10");
      await expect.poll(() => seen.length, { timeout: 5_000 }).toBe(2);
      await move(ann.id, queued.id, "processed_rows = 20");
      await move(ann.id, queued.id, "status = 'succeeded', processed_rows = 30");
      await expect.poll(() => seen.at(-1)?.status, { timeout: 5_000 }).toBe("succeeded");
      await expect.poll(() => ended, { timeout: 5_000 }).toBe(true);
      expect(seen[0]).toEqual({ status: "queued", processedRows: 0 });
      expect(seen.map((s) => s.processedRows)).toEqual(
        [...seen.map((s) => s.processedRows)].sort((a, b) => a - b),
      );
      await expect.poll(() => api.deps.notifications?.subscriberCount(ann.id, "transfers")).toBe(0);
    } finally {
      subscription.unsubscribe();
    }
  });

  it("is NOT_FOUND for someone else's transfer", async () => {
    const ann = await signUp(api, "Ann");
    const bob = await signUp(api, "Bob");
    const queued = await ann.client.transfers.exports.create.mutate({
      resource: "activities",
      format: "json",
    });
    const errors: (string | undefined)[] = [];
    const client = liveClient(api, { via: "header", token: bob.accessToken });
    const subscription = client.transfers.onProgress.subscribe(
      { id: queued.id },
      {
        onData: () => errors.push("data"),
        onError: (error) => errors.push((error.data as { code?: string } | undefined)?.code),
      },
    );
    try {
      await expect.poll(() => errors, { timeout: 5_000 }).toEqual(["NOT_FOUND"]);
    } finally {
      subscription.unsubscribe();
    }
  });
});
