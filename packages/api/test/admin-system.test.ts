import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { failure, signInAdmin, signUp, startApi, type TestApi } from "@fastnext/test-support";
import { DEFAULT_SYSTEM_SETTINGS, type Permission } from "@fastnext/validators";

let api: TestApi;
let admin: Awaited<ReturnType<typeof signInAdmin>>;

beforeAll(async () => {
  api = await startApi();
  admin = await signInAdmin(api);
});
afterAll(async () => {
  await api.close();
});

async function userWith(permissions: Permission[]) {
  const key = `r_${Math.random().toString(36).slice(2, 10)}`;
  await admin.client.admin.roles.create.mutate({ key, name: key, permissionKeys: permissions });
  const user = await signUp(api);
  await admin.client.admin.users.setRoles.mutate({ userId: user.id, roleKeys: [key] });
  return user;
}

async function count(sql: string): Promise<number> {
  const { rows } = await api.sql.query<{ n: number }>(sql);
  return rows[0]?.n ?? -1;
}

describe("admin.system.stats", () => {
  it("gives exact counts to a system.read holder who may read no user or project", async () => {
    const watcher = await userWith(["system.read"]);
    const ada = await signUp(api);
    await admin.client.admin.users.setActive.mutate({ id: ada.id, isActive: false });
    await admin.client.projects.create.mutate({ name: "Counted" });

    const stats = await watcher.client.admin.system.stats.query();
    expect(stats).toEqual({
      users: {
        total: await count("SELECT count(*)::int AS n FROM users"),
        active: await count("SELECT count(*)::int AS n FROM users WHERE is_active"),
      },
      sessions: {
        active: await count(
          "SELECT count(*)::int AS n FROM sessions WHERE revoked_at IS NULL AND expires_at > now()",
        ),
      },
      projects: {
        total: await count("SELECT count(*)::int AS n FROM projects"),
        archived: await count(
          "SELECT count(*)::int AS n FROM projects WHERE archived_at IS NOT NULL",
        ),
      },
      workflowInstances: {
        total: await count("SELECT count(*)::int AS n FROM workflow_instances"),
        open: await count(
          "SELECT count(*)::int AS n FROM workflow_instances WHERE completed_at IS NULL",
        ),
      },
      jobs: {
        queued: await count(
          "SELECT count(*)::int AS n FROM pgboss.job WHERE state IN ('created', 'retry') AND NOT starts_with(name, '__pgboss__')",
        ),
        active: await count("SELECT count(*)::int AS n FROM pgboss.job WHERE state = 'active'"),
        failed: await count("SELECT count(*)::int AS n FROM pgboss.job WHERE state = 'failed'"),
      },
      // No worker beats for this database; this test server measures no traffic.
      workers: { alive: 0, lastBeatAt: null },
      traffic: null,
    });
    expect(stats.users.total).toBeGreaterThanOrEqual(3);
    expect(stats.users.active).toBe(stats.users.total - 1);
    expect(stats.projects.total).toBeGreaterThanOrEqual(1);
    // The same caller sees only themself through the ordinary user list rules.
    expect((await failure(watcher.client.admin.users.list.query({}))).data?.code).toBe("FORBIDDEN");
  });

  it("needs system.read", async () => {
    const ada = await signUp(api);
    const error = await failure(ada.client.admin.system.stats.query());
    expect(error.data).toMatchObject({ code: "FORBIDDEN", details: { permission: "system.read" } });
  });
});

describe("admin.system.settings", () => {
  it("reads the defaults, then applies partial changes recorded with before and after", async () => {
    expect(await admin.client.admin.system.settings.get.query()).toEqual(DEFAULT_SYSTEM_SETTINGS);
    const updated = await admin.client.admin.system.settings.update.mutate({
      passwordPolicy: { minLength: 10, requireDigit: true },
    });
    expect(updated.passwordPolicy).toEqual({
      ...DEFAULT_SYSTEM_SETTINGS.passwordPolicy,
      minLength: 10,
      requireDigit: true,
    });
    expect(updated.featureFlags).toEqual(DEFAULT_SYSTEM_SETTINGS.featureFlags);
    const flags = await admin.client.admin.system.settings.update.mutate({
      featureFlags: { registrationOpen: false },
    });
    expect(flags.passwordPolicy.minLength).toBe(10);
    expect(await admin.client.admin.system.settings.get.query()).toEqual(flags);

    const { rows } = await api.sql.query<{ changes: unknown; actor_id: string }>(
      "SELECT changes, actor_id FROM activities WHERE action = 'system_settings.update' ORDER BY created_at",
    );
    expect(rows.map((row) => row.changes)).toEqual([
      {
        before: { "passwordPolicy.minLength": 8, "passwordPolicy.requireDigit": false },
        after: { "passwordPolicy.minLength": 10, "passwordPolicy.requireDigit": true },
      },
      {
        before: { "featureFlags.registrationOpen": true },
        after: { "featureFlags.registrationOpen": false },
      },
    ]);
    const stored = await api.sql.query("SELECT key, value FROM system_settings ORDER BY key");
    expect(stored.rows).toEqual([
      { key: "featureFlags", value: flags.featureFlags },
      { key: "passwordPolicy", value: flags.passwordPolicy },
    ]);
    expect(await admin.client.admin.system.settings.update.mutate(DEFAULT_SYSTEM_SETTINGS)).toEqual(
      DEFAULT_SYSTEM_SETTINGS,
    );
  });

  it("refuses unknown keys and wrong types with field errors, and writes nothing", async () => {
    const before = await api.sql.query("SELECT key, value FROM system_settings ORDER BY key");
    const entries = await count(
      "SELECT count(*)::int AS n FROM activities WHERE action = 'system_settings.update'",
    );
    const error = await failure(
      admin.client.admin.system.settings.update.mutate({
        passwordPolicy: { minLength: "twelve", maxAgeDays: 0, colour: "red" },
        featureFlags: { registrationOpen: "yes" },
        theme: "dark",
      } as never),
    );
    expect(error.data).toMatchObject({ code: "BAD_REQUEST", appCode: "VALIDATION" });
    expect(Object.keys(error.data?.fieldErrors ?? {}).sort()).toEqual([
      "featureFlags.registrationOpen",
      "passwordPolicy.colour",
      "passwordPolicy.maxAgeDays",
      "passwordPolicy.minLength",
      "theme",
    ]);
    expect(error.data?.fieldErrors?.theme).toEqual(["Unknown setting"]);
    expect(
      (await api.sql.query("SELECT key, value FROM system_settings ORDER BY key")).rows,
    ).toEqual(before.rows);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM activities WHERE action = 'system_settings.update'",
      ),
    ).toBe(entries);
  });

  it("reading needs system.read, changing needs system.manage", async () => {
    const ada = await signUp(api);
    expect((await failure(ada.client.admin.system.settings.get.query())).data).toMatchObject({
      code: "FORBIDDEN",
      details: { permission: "system.read" },
    });
    const manager = await signUp(api);
    await admin.client.admin.users.setRoles.mutate({ userId: manager.id, roleKeys: ["manager"] });
    expect((await manager.client.admin.system.settings.get.query()).passwordPolicy).toBeDefined();
    const denied = await failure(
      manager.client.admin.system.settings.update.mutate({
        featureFlags: { registrationOpen: false },
      }),
    );
    expect(denied.data).toMatchObject({
      code: "FORBIDDEN",
      details: { permission: "system.manage" },
    });
    expect(
      (await admin.client.admin.system.settings.get.query()).featureFlags.registrationOpen,
    ).toBe(true);
  });

  it("closing registration refuses auth.register", async () => {
    await admin.client.admin.system.settings.update.mutate({
      featureFlags: { registrationOpen: false },
    });
    try {
      const users = await count("SELECT count(*)::int AS n FROM users");
      const error = await failure(
        api.client().auth.register.mutate({
          email: "late@example.com",
          name: "Late",
          password: "long-enough-1",
        }),
      );
      expect(error.data).toMatchObject({ code: "FORBIDDEN", reason: "registration_closed" });
      expect(await count("SELECT count(*)::int AS n FROM users")).toBe(users);
    } finally {
      await admin.client.admin.system.settings.update.mutate({
        featureFlags: { registrationOpen: true },
      });
    }
  });
});
