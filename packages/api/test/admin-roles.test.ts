import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { failure, signInAdmin, signUp, startApi, type TestApi } from "@fastnext/test-support";
import { ALL_PERMISSIONS, SYSTEM_ROLES } from "@fastnext/validators";

let api: TestApi;
let admin: Awaited<ReturnType<typeof signInAdmin>>;
let adminId: string;

beforeAll(async () => {
  api = await startApi();
  // An admin through its role only (a superuser always counts as one).
  const { rows } = await api.sql.query<{ id: string }>(
    "UPDATE users SET is_superuser = false WHERE email = 'admin@example.com' RETURNING id",
  );
  adminId = rows[0]?.id ?? "";
  admin = await signInAdmin(api);
});
afterAll(async () => {
  await api.close();
});

let counter = 0;
function newKey(): string {
  counter += 1;
  return `team_${counter}_${Date.now().toString(36)}`;
}

async function roleId(key: string): Promise<string> {
  const { rows } = await api.sql.query<{ id: string }>("SELECT id FROM roles WHERE key = $1", [
    key,
  ]);
  const id = rows[0]?.id;
  if (!id) throw new Error(`no role ${key}`);
  return id;
}

async function activityCount(action: string): Promise<number> {
  const { rows } = await api.sql.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM activities WHERE actor_id = $1 AND action = $2",
    [adminId, action],
  );
  return rows[0]?.n ?? -1;
}

describe("reading roles and permissions (role.read)", () => {
  it("lists the roles oldest first, paged, with what each grants", async () => {
    const first = await admin.client.admin.roles.list.query({ limit: 2 });
    expect(first.items).toHaveLength(2);
    const rest = await admin.client.admin.roles.list.query({
      limit: 100,
      cursor: first.nextCursor,
    });
    const all = [...first.items, ...rest.items];
    expect(all.map((r) => r.key)).toEqual(
      expect.arrayContaining(["admin", "manager", "member", "viewer"]),
    );
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    const adminRole = all.find((r) => r.key === "admin");
    expect(adminRole).toMatchObject({ isSystem: true, permissions: [...ALL_PERMISSIONS].sort() });

    const one = await admin.client.admin.roles.get.query({ id: adminRole?.id ?? "" });
    expect(one.key).toBe("admin");
    const missing = await failure(
      admin.client.admin.roles.get.query({ id: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(missing.data?.code).toBe("NOT_FOUND");
  });

  it("groups the permission catalogue by category", async () => {
    const groups = await admin.client.admin.permissions.list.query();
    const users = groups.find((g) => g.category === "users");
    expect(users?.permissions.map((p) => p.key)).toEqual(["user.manage", "user.read"]);
    expect(groups.flatMap((g) => g.permissions.map((p) => p.key)).sort()).toEqual(
      [...ALL_PERMISSIONS].sort(),
    );
  });

  it("refuses callers without role.read; managers have it", async () => {
    const ada = await signUp(api);
    const member = await roleId("member");
    for (const call of [
      () => ada.client.admin.roles.list.query({}),
      () => ada.client.admin.roles.get.query({ id: member }),
      () => ada.client.admin.permissions.list.query(),
    ]) {
      expect((await failure(call())).data).toMatchObject({
        code: "FORBIDDEN",
        details: { permission: "role.read" },
      });
    }
    await admin.client.admin.users.setRoles.mutate({ userId: ada.id, roleKeys: ["manager"] });
    expect((await ada.client.admin.permissions.list.query()).length).toBeGreaterThan(3);
  });
});

describe("writing roles (role.manage)", () => {
  it("creates, updates and records a role; refuses a taken key and non-catalogue permissions", async () => {
    const key = newKey();
    const created = await admin.client.admin.roles.create.mutate({
      key,
      name: "Team",
      permissionKeys: ["user.read", "user.read", "project.create"],
    });
    expect(created).toMatchObject({
      key,
      isSystem: false,
      isDefault: false,
      permissions: ["project.create", "user.read"],
    });
    const updated = await admin.client.admin.roles.update.mutate({
      id: created.id,
      data: { name: "Team B", description: "The B team" },
    });
    expect(updated).toMatchObject({ key, name: "Team B", description: "The B team" });

    const taken = await failure(admin.client.admin.roles.create.mutate({ key, name: "Again" }));
    expect(taken.data).toMatchObject({
      code: "CONFLICT",
      reason: "key_taken",
      fieldErrors: { key: [expect.any(String)] },
    });
    const bad = await failure(
      admin.client.admin.roles.create.mutate({
        key: "Bad Key",
        name: "X",
        permissionKeys: ["user.read", "user.fly" as "user.read"],
      }),
    );
    expect(Object.keys(bad.data?.fieldErrors ?? {}).sort()).toEqual(["key", "permissionKeys.1"]);

    const { rows } = await api.sql.query<{ action: string; changes: unknown }>(
      "SELECT action, changes FROM activities WHERE entity_type = 'role' AND entity_id = $1 ORDER BY created_at, action",
      [created.id],
    );
    expect(rows.map((r) => r.action)).toEqual(["role.create", "role.update"]);
    expect(rows[1]?.changes).toEqual({
      before: { name: "Team", description: "" },
      after: { name: "Team B", description: "The B team" },
    });
  });

  it("system roles can be edited but never deleted", async () => {
    const viewer = await roleId("viewer");
    await admin.client.admin.roles.update.mutate({
      id: viewer,
      data: { description: "Reads only" },
    });
    const error = await failure(admin.client.admin.roles.delete.mutate({ id: viewer }));
    expect(error.data).toMatchObject({ code: "PRECONDITION_FAILED", reason: "system_role" });
    expect(await roleId("viewer")).toBe(viewer);
  });

  it("a role in use is deleted only with reassignTo, its users moved in the same transaction", async () => {
    const key = newKey();
    const role = await admin.client.admin.roles.create.mutate({
      key,
      name: "Temp",
      permissionKeys: ["user.read"],
    });
    const ada = await signUp(api);
    const bob = await signUp(api);
    await admin.client.admin.users.setRoles.mutate({ userId: ada.id, roleKeys: [key] });
    await admin.client.admin.users.setRoles.mutate({ userId: bob.id, roleKeys: [key, "viewer"] });

    const inUse = await failure(admin.client.admin.roles.delete.mutate({ id: role.id }));
    expect(inUse.data).toMatchObject({
      code: "PRECONDITION_FAILED",
      reason: "role_in_use",
      details: { users: 2 },
    });
    const unknown = await failure(
      admin.client.admin.roles.delete.mutate({ id: role.id, reassignTo: "nosuchrole" }),
    );
    expect(unknown.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { reassignTo: ["Unknown role"] },
    });
    const itself = await failure(
      admin.client.admin.roles.delete.mutate({ id: role.id, reassignTo: key }),
    );
    expect(itself.data?.code).toBe("BAD_REQUEST");
    expect((await api.sql.query("SELECT 1 FROM roles WHERE id = $1", [role.id])).rows).toHaveLength(
      1,
    );

    const deletions = await activityCount("role.delete");
    expect(
      await admin.client.admin.roles.delete.mutate({ id: role.id, reassignTo: "viewer" }),
    ).toEqual({
      id: role.id,
      reassignedUsers: 2,
    });
    expect((await api.sql.query("SELECT 1 FROM roles WHERE id = $1", [role.id])).rows).toHaveLength(
      0,
    );
    expect((await ada.client.users.me.query()).roles).toEqual(["viewer"]);
    expect((await bob.client.users.me.query()).roles).toEqual(["viewer"]);
    expect(await activityCount("role.delete")).toBe(deletions + 1);
  });

  it("a role nobody holds is deleted without reassignTo", async () => {
    const role = await admin.client.admin.roles.create.mutate({ key: newKey(), name: "Unused" });
    expect(await admin.client.admin.roles.delete.mutate({ id: role.id })).toEqual({
      id: role.id,
      reassignedUsers: 0,
    });
  });

  it("refuses every write without role.manage and changes nothing", async () => {
    const manager = await signUp(api);
    await admin.client.admin.users.setRoles.mutate({ userId: manager.id, roleKeys: ["manager"] });
    const member = await roleId("member");
    const calls = [
      () => manager.client.admin.roles.create.mutate({ key: newKey(), name: "X" }),
      () => manager.client.admin.roles.update.mutate({ id: member, data: { name: "Hacked" } }),
      () => manager.client.admin.roles.delete.mutate({ id: member }),
      () =>
        manager.client.admin.roles.setPermissions.mutate({
          id: member,
          permissionKeys: ["system.manage"],
        }),
    ];
    for (const call of calls) {
      expect((await failure(call())).data).toMatchObject({
        code: "FORBIDDEN",
        details: { permission: "role.manage" },
      });
    }
    const role = await admin.client.admin.roles.get.query({ id: member });
    // As seeded: what the catalogue says the role starts with (generated resources add theirs).
    expect(role).toMatchObject({
      name: "Member",
      permissions: [...SYSTEM_ROLES.member.permissions].sort(),
    });
  });
});

describe("admin.roles.setPermissions", () => {
  it("takes effect at the holders' next request, both ways", async () => {
    const key = newKey();
    const role = await admin.client.admin.roles.create.mutate({ key, name: "Readers" });
    const ada = await signUp(api);
    await admin.client.admin.users.setRoles.mutate({ userId: ada.id, roleKeys: [key] });
    expect((await failure(ada.client.admin.users.list.query({}))).data?.code).toBe("FORBIDDEN");

    await admin.client.admin.roles.setPermissions.mutate({
      id: role.id,
      permissionKeys: ["user.read"],
    });
    expect((await ada.client.admin.users.list.query({ limit: 1 })).items).toHaveLength(1);
    expect((await ada.client.users.me.query()).permissions).toEqual(["user.read"]);

    await admin.client.admin.roles.setPermissions.mutate({ id: role.id, permissionKeys: [] });
    expect((await failure(ada.client.admin.users.list.query({}))).data?.code).toBe("FORBIDDEN");
    const { rows } = await api.sql.query<{ changes: unknown }>(
      "SELECT changes FROM activities WHERE action = 'role.set_permissions' AND entity_id = $1 ORDER BY created_at",
      [role.id],
    );
    expect(rows).toEqual([
      { changes: { before: { permissions: [] }, after: { permissions: ["user.read"] } } },
      { changes: { before: { permissions: ["user.read"] }, after: { permissions: [] } } },
    ]);
  });

  it("refuses keys outside the catalogue with field errors", async () => {
    const role = await admin.client.admin.roles.create.mutate({ key: newKey(), name: "Strict" });
    const error = await failure(
      admin.client.admin.roles.setPermissions.mutate({
        id: role.id,
        permissionKeys: ["root.everything" as "user.read"],
      }),
    );
    expect(error.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { "permissionKeys.0": ["Not a permission of the catalogue"] },
    });
  });

  it("nobody removes role.manage from the role that gives them their only admin capability", async () => {
    const adminRole = await roleId("admin");
    const without = ALL_PERMISSIONS.filter((p) => p !== "role.manage");
    const error = await failure(
      admin.client.admin.roles.setPermissions.mutate({ id: adminRole, permissionKeys: without }),
    );
    expect(error.data).toMatchObject({
      code: "PRECONDITION_FAILED",
      reason: "own_admin_capability",
    });
    const role = await admin.client.admin.roles.get.query({ id: adminRole });
    expect(role.permissions).toContain("role.manage");
    expect((await admin.client.users.me.query()).permissions).toContain("role.manage");
  });

  it("nor deletes the role that gives them it, even with reassignTo", async () => {
    const key = newKey();
    await admin.client.admin.roles.create.mutate({
      key,
      name: "Admins too",
      permissionKeys: ["role.manage", "user.read"],
    });
    const ada = await signUp(api);
    await admin.client.admin.users.setRoles.mutate({ userId: ada.id, roleKeys: [key] });
    const error = await failure(
      ada.client.admin.roles.delete.mutate({ id: await roleId(key), reassignTo: "member" }),
    );
    expect(error.data).toMatchObject({
      code: "PRECONDITION_FAILED",
      reason: "own_admin_capability",
    });
    expect((await ada.client.users.me.query()).roles).toEqual([key]);
  });
});
