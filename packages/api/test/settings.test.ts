import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { failure, signUp, startApi, type TestApi } from "@fastnext/test-support";
import { DEFAULT_USER_SETTINGS } from "@fastnext/validators";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

async function stored(userId: string): Promise<unknown> {
  const { rows } = await api.sql.query<{ settings: unknown }>(
    "SELECT settings FROM users WHERE id = $1",
    [userId],
  );
  return rows[0]?.settings;
}

async function entries(userId: string): Promise<number> {
  const { rows } = await api.sql.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM activities WHERE actor_id = $1 AND action = 'user.update_settings'",
    [userId],
  );
  return rows[0]?.n ?? -1;
}

describe("users.settings", () => {
  it("starts from the defaults", async () => {
    const ada = await signUp(api);
    expect(await ada.client.users.settings.get.query()).toEqual(DEFAULT_USER_SETTINGS);
    expect(await stored(ada.id)).toEqual({});
  });

  it("merges a deep partial change, stores the whole document and records only what changed", async () => {
    const ada = await signUp(api);
    const first = await ada.client.users.settings.update.mutate({
      theme: "dark",
      notifications: { "workflow.transitioned": { email: true } },
    });
    expect(first).toEqual({
      theme: "dark",
      notifications: {
        ...DEFAULT_USER_SETTINGS.notifications,
        "workflow.transitioned": { inApp: true, email: true },
      },
    });
    const second = await ada.client.users.settings.update.mutate({
      notifications: { "user.invited": { inApp: false } },
    });
    expect(second.theme).toBe("dark");
    expect(second.notifications["workflow.transitioned"]).toEqual({ inApp: true, email: true });
    expect(second.notifications["user.invited"]).toEqual({ inApp: false, email: true });
    expect(await ada.client.users.settings.get.query()).toEqual(second);
    expect(await stored(ada.id)).toEqual(second);

    const { rows } = await api.sql.query<{ changes: unknown }>(
      "SELECT changes FROM activities WHERE actor_id = $1 AND action = 'user.update_settings' ORDER BY created_at",
      [ada.id],
    );
    expect(rows.map((row) => row.changes)).toEqual([
      {
        before: { theme: "system", "notifications.workflow.transitioned.email": false },
        after: { theme: "dark", "notifications.workflow.transitioned.email": true },
      },
      {
        before: { "notifications.user.invited.inApp": true },
        after: { "notifications.user.invited.inApp": false },
      },
    ]);
  });

  it("refuses unknown keys and wrong types with field errors at their paths, and writes nothing", async () => {
    const ada = await signUp(api);
    await ada.client.users.settings.update.mutate({ theme: "light" });
    const before = await stored(ada.id);
    const count = await entries(ada.id);
    const error = await failure(
      ada.client.users.settings.update.mutate({
        theme: "neon",
        fontSize: 14,
        notifications: {
          "workflow.assigned": { email: "yes", sms: true },
          "project.deleted": { inApp: true },
        },
      } as never),
    );
    expect(error.data).toMatchObject({ code: "BAD_REQUEST", appCode: "VALIDATION" });
    expect(error.data?.fieldErrors).toEqual({
      theme: [expect.any(String)],
      fontSize: ["Unknown setting"],
      "notifications.workflow.assigned.email": [expect.any(String)],
      "notifications.workflow.assigned.sms": ["Unknown setting"],
      "notifications.project.deleted": ["Unknown setting"],
    });
    const notAnObject = await failure(
      ada.client.users.settings.update.mutate({ notifications: 3 } as never),
    );
    expect(notAnObject.data?.fieldErrors).toEqual({ notifications: [expect.any(String)] });
    expect(await stored(ada.id)).toEqual(before);
    expect(await entries(ada.id)).toBe(count);
  });

  it("is the caller's own: signed out is UNAUTHORIZED", async () => {
    expect((await failure(api.client().users.settings.get.query())).data?.code).toBe(
      "UNAUTHORIZED",
    );
    expect(
      (await failure(api.client().users.settings.update.mutate({ theme: "dark" }))).data?.code,
    ).toBe("UNAUTHORIZED");
  });

  it("falls back to defaults for stored values the schema no longer accepts", async () => {
    const ada = await signUp(api);
    await api.sql.query(
      `UPDATE users SET settings = '{"theme": "sepia", "legacy": 1, "notifications": {"workflow.assigned": {"inApp": false, "email": "x"}}}'
        WHERE id = $1`,
      [ada.id],
    );
    const settings = await ada.client.users.settings.get.query();
    expect(settings.theme).toBe("system");
    expect(settings.notifications["workflow.assigned"]).toEqual({ inApp: false, email: true });
    const updated = await ada.client.users.settings.update.mutate({ theme: "dark" });
    expect(await stored(ada.id)).toEqual(updated);
  });
});
