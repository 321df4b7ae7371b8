import { randomUUID } from "node:crypto";

import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  ADMIN,
  failure,
  signedIn,
  signInAdmin,
  signUp,
  startApi,
  type TestApi,
} from "@fastnext/test-support";
import { type Permission } from "@fastnext/validators";

let api: TestApi;
let admin: Awaited<ReturnType<typeof signInAdmin>>;
let adminId: string;

beforeAll(async () => {
  api = await startApi();
  // The seeded admin is a superuser, which always counts as an admin; these
  // tests need an admin that holds the right through its role only.
  const { rows } = await api.sql.query<{ id: string }>(
    "UPDATE users SET is_superuser = false WHERE email = 'admin@example.com' RETURNING id",
  );
  adminId = rows[0]?.id ?? "";
  admin = await signInAdmin(api);
});
afterAll(async () => {
  await api.close();
});

async function activityCount(actorId: string, action?: string): Promise<number> {
  const { rows } = await api.sql.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM activities WHERE actor_id = $1 AND ($2::text IS NULL OR action = $2)",
    [actorId, action ?? null],
  );
  return rows[0]?.n ?? -1;
}

async function rolesOf(userId: string): Promise<string[]> {
  const { rows } = await api.sql.query<{ key: string }>(
    "SELECT r.key FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = $1 ORDER BY r.key",
    [userId],
  );
  return rows.map((row) => row.key);
}

/** A user holding a fresh role with exactly these permissions. */
async function userWith(permissions: Permission[], name = "Holder") {
  const key = `r_${Math.random().toString(36).slice(2, 10)}`;
  await admin.client.admin.roles.create.mutate({ key, name: key, permissionKeys: permissions });
  const user = await signUp(api, name);
  await admin.client.admin.users.setRoles.mutate({ userId: user.id, roleKeys: [key] });
  return user;
}

async function insertUsers(count: number, prefix: string): Promise<void> {
  await api.sql.query(
    `WITH made AS (
       INSERT INTO users (id, email, name, password_hash, updated_at)
       SELECT gen_random_uuid(), $1 || g || '@example.com', $1 || ' ' || g, 'x', now()
         FROM generate_series(1, $2::int) g
       RETURNING id)
     INSERT INTO user_roles (user_id, role_id) SELECT made.id, r.id FROM made, roles r WHERE r.key IN ('member', 'viewer')`,
    [prefix, count],
  );
}

describe("admin.users.list", () => {
  it("needs user.read", async () => {
    const ada = await signUp(api);
    const error = await failure(ada.client.admin.users.list.query({}));
    expect(error.data).toMatchObject({ code: "FORBIDDEN", details: { permission: "user.read" } });
  });

  it("searches by e-mail and name, filters by role and active flag, and shows roles", async () => {
    const ada = await signUp(api, "Ada Searchable");
    const bob = await signUp(api, "Bob Searchable");
    await admin.client.admin.users.setRoles.mutate({ userId: bob.id, roleKeys: ["viewer"] });
    await admin.client.admin.users.setActive.mutate({ id: ada.id, isActive: false });

    const byName = await admin.client.admin.users.list.query({ search: "searchable" });
    expect(byName.items.map((u) => u.id).sort()).toEqual([ada.id, bob.id].sort());
    const byEmail = await admin.client.admin.users.list.query({ search: bob.email.toUpperCase() });
    expect(byEmail.items).toEqual([
      expect.objectContaining({ id: bob.id, roles: ["viewer"], email: bob.email }),
    ]);
    const viewers = await admin.client.admin.users.list.query({
      search: "searchable",
      roleKey: "viewer",
    });
    expect(viewers.items.map((u) => u.id)).toEqual([bob.id]);
    const inactive = await admin.client.admin.users.list.query({
      search: "searchable",
      isActive: false,
    });
    expect(inactive.items.map((u) => u.id)).toEqual([ada.id]);
    expect(JSON.stringify(byName)).not.toMatch(/password|secret/i);
  });

  it.each(["createdAt", "name", "email"] as const)(
    "pages through three pages by %s while users are added: no duplicates, no gaps",
    async (sort) => {
      const prefix = `page-${sort.toLowerCase()}-`;
      await insertUsers(9, prefix);
      const { rows } = await api.sql.query<{ id: string }>(
        "SELECT id FROM users WHERE email LIKE $1",
        [`${prefix}%`],
      );
      const existing = new Set(rows.map((row) => row.id));

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<typeof admin.client.admin.users.list.query>> =
          await admin.client.admin.users.list.query({ search: prefix, sort, limit: 3, cursor });
        seen.push(...page.items.map((u) => u.id));
        cursor = page.nextCursor;
        pages += 1;
        // Users added between pages, sorting both before and after the position.
        await insertUsers(2, `${prefix}${pages}a`);
        await insertUsers(1, `${prefix}0${pages}`);
      } while (cursor && pages < 20);

      expect(new Set(seen).size).toBe(seen.length);
      for (const id of existing) expect(seen).toContain(id);
      expect(pages).toBeGreaterThanOrEqual(3);
    },
  );

  it("keeps each sort's order and refuses a cursor made for another sort", async () => {
    const prefix = "order-";
    await insertUsers(5, prefix);
    const byName = await admin.client.admin.users.list.query({
      search: prefix,
      sort: "name",
      limit: 2,
    });
    expect(byName.items.map((u) => u.name)).toEqual([`${prefix} 1`, `${prefix} 2`]);
    const byEmail = await admin.client.admin.users.list.query({
      search: prefix,
      sort: "email",
      limit: 100,
    });
    const emails = byEmail.items.map((u) => u.email ?? "");
    expect(emails).toEqual([...emails].sort());
    const error = await failure(
      admin.client.admin.users.list.query({
        search: prefix,
        sort: "email",
        cursor: byName.nextCursor,
      }),
    );
    expect(error.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { cursor: ["Invalid cursor"] },
    });
  });

  it("runs the same number of SQL statements for 10 users as for 100 (roles included: no N+1)", async () => {
    const counted = await startApi();
    try {
      const client = counted.client(
        signedIn(await counted.client().auth.login.mutate(ADMIN)).accessToken,
      );
      const listAll = async () => {
        await client.admin.users.list.query({ limit: 100 }); // warms the permission cache
        const { result, statements } = await counted.statements.during(() =>
          client.admin.users.list.query({ limit: 100 }),
        );
        return {
          statements,
          users: result.items.length,
          roles: result.items.flatMap((u) => u.roles).length,
        };
      };
      const usersIn = (prefix: string, n: number) =>
        counted.sql.query(
          `WITH made AS (INSERT INTO users (id, email, name, password_hash, updated_at)
             SELECT gen_random_uuid(), $1 || g || '@example.com', 'N' || g, 'x', now() FROM generate_series(1, $2::int) g
             RETURNING id)
           INSERT INTO user_roles (user_id, role_id) SELECT made.id, r.id FROM made, roles r WHERE r.key IN ('member', 'viewer')`,
          [prefix, n],
        );
      await usersIn("ten-", 9);
      const ten = await listAll();
      await usersIn("hundred-", 90);
      const hundred = await listAll();
      expect(ten.users).toBe(10);
      expect(hundred.users).toBe(100);
      expect(hundred.roles).toBeGreaterThan(ten.roles * 9);
      expect(ten.statements).toBeGreaterThan(0);
      expect(hundred.statements).toBe(ten.statements);
    } finally {
      await counted.close();
    }
  });
});

describe("admin.users.get", () => {
  it("returns the user with roles for user.read holders; NOT_FOUND for no one; FORBIDDEN without", async () => {
    const ada = await signUp(api);
    const user = await admin.client.admin.users.get.query({ id: ada.id });
    expect(user).toMatchObject({
      id: ada.id,
      email: ada.email,
      roles: ["member"],
      twoFactorEnabled: false,
    });
    const missing = await failure(
      admin.client.admin.users.get.query({ id: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(missing.data?.code).toBe("NOT_FOUND");
    expect((await failure(ada.client.admin.users.get.query({ id: ada.id }))).data?.code).toBe(
      "FORBIDDEN",
    );
  });
});

describe("admin.users.create", () => {
  it("creates a user with roles and an unusable password, raises user.invited, records it", async () => {
    const before = await activityCount(adminId, "user.create");
    const created = await admin.client.admin.users.create.mutate({
      name: "Invited Ian",
      email: "Ian@Example.com",
      roleKeys: ["viewer", "member"],
      sendInvitation: true,
      timeZone: "Europe/Paris",
    });
    expect(created).toMatchObject({
      email: "ian@example.com",
      roles: ["member", "viewer"],
      timeZone: "Europe/Paris",
    });
    expect(await activityCount(adminId, "user.create")).toBe(before + 1);
    const events = await api.sql.query(
      "SELECT payload FROM domain_events WHERE name = 'user.invited'",
    );
    expect(events.rows).toContainEqual({ payload: { userId: created.id, invitedById: adminId } });
    const { rows } = await api.sql.query<{ password_hash: string }>(
      "SELECT password_hash FROM users WHERE id = $1",
      [created.id],
    );
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$/);
    for (const password of ["", "password", "Invited Ian", "ian@example.com"].filter(Boolean)) {
      const error = await failure(
        api.client().auth.login.mutate({ email: "ian@example.com", password }),
      );
      expect(error.data?.reason).toBe("invalid_credentials");
    }
  });

  it("without sendInvitation raises no event", async () => {
    const created = await admin.client.admin.users.create.mutate({
      name: "Quiet",
      email: "quiet@example.com",
    });
    const events = await api.sql.query(
      "SELECT 1 FROM domain_events WHERE name = 'user.invited' AND payload->>'userId' = $1",
      [created.id],
    );
    expect(events.rows).toEqual([]);
    expect(created.roles).toEqual([]);
  });

  it("refuses a taken e-mail, unknown roles, and callers without the permissions; writes nothing", async () => {
    const ada = await signUp(api);
    const count = async () =>
      (await api.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM users")).rows[0]?.n;
    const users = await count();
    const entries = await activityCount(adminId);

    const taken = await failure(
      admin.client.admin.users.create.mutate({ name: "X", email: ada.email.toUpperCase() }),
    );
    expect(taken.data).toMatchObject({
      code: "CONFLICT",
      reason: "email_taken",
      fieldErrors: { email: [expect.any(String)] },
    });
    const unknown = await failure(
      admin.client.admin.users.create.mutate({
        name: "X",
        email: "x1@example.com",
        roleKeys: ["wizard"],
      }),
    );
    expect(unknown.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { roleKeys: ['Unknown role "wizard"'] },
    });
    const bad = await failure(admin.client.admin.users.create.mutate({ name: "", email: "nope" }));
    expect(Object.keys(bad.data?.fieldErrors ?? {}).sort()).toEqual(["email", "name"]);

    const plain = await failure(
      ada.client.admin.users.create.mutate({ name: "X", email: "x2@example.com" }),
    );
    expect(plain.data).toMatchObject({ code: "FORBIDDEN", details: { permission: "user.manage" } });
    const blind = await userWith(["user.manage"]);
    const unread = await failure(
      blind.client.admin.users.create.mutate({ name: "X", email: "x4@example.com" }),
    );
    expect(unread.data).toMatchObject({ code: "FORBIDDEN", details: { permission: "user.read" } });
    const manager = await userWith(["user.read", "user.manage"]);
    const roles = await failure(
      manager.client.admin.users.create.mutate({
        name: "X",
        email: "x3@example.com",
        roleKeys: ["admin"],
      }),
    );
    expect(roles.data).toMatchObject({ code: "FORBIDDEN", details: { permission: "role.manage" } });

    expect(await count()).toBe((users ?? 0) + 2); // only the two holders' own sign-ups
    expect(await activityCount(adminId)).toBe(entries + 4); // their roles and the assignments
    const created = await manager.client.admin.users.create.mutate({
      name: "Y",
      email: "y@example.com",
    });
    expect(created.roles).toEqual([]);
  });
});

describe("admin.users.update", () => {
  it("changes name, e-mail, locale and time zone, recording only what changed", async () => {
    const ada = await signUp(api, "Ada");
    const updated = await admin.client.admin.users.update.mutate({
      id: ada.id,
      data: { name: "Ada L.", locale: "en-GB", timeZone: "Europe/London" },
    });
    expect(updated).toMatchObject({
      name: "Ada L.",
      locale: "en-GB",
      timeZone: "Europe/London",
      email: ada.email,
    });
    const { rows } = await api.sql.query<{ changes: unknown }>(
      "SELECT changes FROM activities WHERE action = 'user.update' AND entity_id = $1",
      [ada.id],
    );
    expect(rows).toEqual([
      {
        changes: {
          before: { name: "Ada", locale: "en", timeZone: "UTC" },
          after: { name: "Ada L.", locale: "en-GB", timeZone: "Europe/London" },
        },
      },
    ]);
  });

  it("failing half-way (a taken e-mail) leaves neither the change nor its activity entry", async () => {
    const ada = await signUp(api, "Ada Original");
    const bob = await signUp(api);
    const entries = await activityCount(adminId, "user.update");
    const error = await failure(
      admin.client.admin.users.update.mutate({
        id: ada.id,
        data: { name: "Ada Changed", email: bob.email },
      }),
    );
    expect(error.data).toMatchObject({
      code: "CONFLICT",
      reason: "email_taken",
      fieldErrors: { "data.email": [expect.any(String)] },
    });
    const { rows } = await api.sql.query("SELECT name, email FROM users WHERE id = $1", [ada.id]);
    expect(rows).toEqual([{ name: "Ada Original", email: ada.email }]);
    expect(await activityCount(adminId, "user.update")).toBe(entries);
  });

  it("refuses bad input, unknown users and callers without user.manage", async () => {
    const ada = await signUp(api);
    const empty = await failure(admin.client.admin.users.update.mutate({ id: ada.id, data: {} }));
    expect(empty.data?.code).toBe("BAD_REQUEST");
    const zone = await failure(
      admin.client.admin.users.update.mutate({ id: ada.id, data: { timeZone: "Mars/Base" } }),
    );
    expect(zone.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { "data.timeZone": ["Unknown time zone"] },
    });
    const missing = await failure(
      admin.client.admin.users.update.mutate({
        id: "00000000-0000-4000-8000-000000000000",
        data: { name: "X" },
      }),
    );
    expect(missing.data?.code).toBe("NOT_FOUND");
    const denied = await failure(
      ada.client.admin.users.update.mutate({ id: ada.id, data: { name: "Me" } }),
    );
    expect(denied.data?.code).toBe("FORBIDDEN");
  });
});

describe("admin.users.setActive", () => {
  it("deactivation ends every session at once and raises user.deactivated; reactivation lets them in again", async () => {
    const ada = await signUp(api);
    const other = signedIn(
      await api.client().auth.login.mutate({ email: ada.email, password: ada.password }),
    );
    const result = await admin.client.admin.users.setActive.mutate({ id: ada.id, isActive: false });
    expect(result.isActive).toBe(false);
    expect((await failure(ada.client.users.me.query())).data?.code).toBe("UNAUTHORIZED");
    const refresh = await failure(
      api.client().auth.refresh.mutate({ refreshToken: other.refreshToken }),
    );
    expect(refresh.data?.code).toBe("UNAUTHORIZED");
    const { rows } = await api.sql.query<{ live: number }>(
      "SELECT count(*)::int AS live FROM sessions WHERE user_id = $1 AND revoked_at IS NULL",
      [ada.id],
    );
    expect(rows[0]?.live).toBe(0);
    const events = await api.sql.query(
      "SELECT payload FROM domain_events WHERE name = 'user.deactivated'",
    );
    expect(events.rows).toContainEqual({ payload: { userId: ada.id, deactivatedById: adminId } });

    await admin.client.admin.users.setActive.mutate({ id: ada.id, isActive: true });
    signedIn(await api.client().auth.login.mutate({ email: ada.email, password: ada.password }));
  });

  it("nobody deactivates themselves", async () => {
    const error = await failure(
      admin.client.admin.users.setActive.mutate({ id: adminId, isActive: false }),
    );
    expect(error.data).toMatchObject({ code: "PRECONDITION_FAILED", reason: "self_deactivation" });
    expect((await admin.client.users.me.query()).user.isActive).toBe(true);
  });

  it("nobody deactivates the last active admin; with a second admin it works", async () => {
    const ops = await userWith(["user.read", "user.manage"], "Ops");
    const entries = await activityCount(ops.id);
    const error = await failure(
      ops.client.admin.users.setActive.mutate({ id: adminId, isActive: false }),
    );
    expect(error.data).toMatchObject({ code: "PRECONDITION_FAILED", reason: "last_admin" });
    expect((await admin.client.users.me.query()).user.isActive).toBe(true);
    expect(await activityCount(ops.id)).toBe(entries);

    const second = await signUp(api, "Second admin");
    await admin.client.admin.users.setRoles.mutate({ userId: second.id, roleKeys: ["admin"] });
    await ops.client.admin.users.setActive.mutate({ id: adminId, isActive: false });
    await second.client.admin.users.setActive.mutate({ id: adminId, isActive: true });
    admin = await signInAdmin(api);
    await admin.client.admin.users.setRoles.mutate({ userId: second.id, roleKeys: ["member"] });
  });

  it("needs user.manage", async () => {
    const ada = await signUp(api);
    const bob = await signUp(api);
    const error = await failure(
      ada.client.admin.users.setActive.mutate({ id: bob.id, isActive: false }),
    );
    expect(error.data).toMatchObject({ code: "FORBIDDEN", details: { permission: "user.manage" } });
    expect((await bob.client.users.me.query()).user.isActive).toBe(true);
  });
});

describe("admin.users.setActiveMany", () => {
  async function isActive(userId: string): Promise<boolean | undefined> {
    const { rows } = await api.sql.query<{ active: boolean }>(
      "SELECT is_active AS active FROM users WHERE id = $1",
      [userId],
    );
    return rows[0]?.active;
  }

  it("deactivates several users at once, each with its activity entry and ended sessions, and reactivates them", async () => {
    const ada = await signUp(api);
    const bob = await signUp(api);
    const result = await admin.client.admin.users.setActiveMany.mutate({
      ids: [ada.id, bob.id],
      isActive: false,
    });
    expect(result.items.map((user) => [user.id, user.isActive])).toEqual([
      [ada.id, false],
      [bob.id, false],
    ]);
    for (const user of [ada, bob]) {
      expect((await failure(user.client.users.me.query())).data?.code).toBe("UNAUTHORIZED");
    }
    const { rows } = await api.sql.query<{ entity_id: string }>(
      "SELECT entity_id FROM activities WHERE actor_id = $1 AND action = 'user.deactivate' AND entity_id = ANY($2) ORDER BY entity_id",
      [adminId, [ada.id, bob.id]],
    );
    expect(rows.map((row) => row.entity_id)).toEqual([ada.id, bob.id].sort());

    await admin.client.admin.users.setActiveMany.mutate({ ids: [ada.id, bob.id], isActive: true });
    for (const user of [ada, bob]) {
      signedIn(
        await api.client().auth.login.mutate({ email: user.email, password: user.password }),
      );
    }
  });

  it("changes nobody when one id is unknown, and says which", async () => {
    const ada = await signUp(api);
    const unknown = "00000000-0000-4000-8000-000000000000";
    const entries = await activityCount(adminId);
    const error = await failure(
      admin.client.admin.users.setActiveMany.mutate({ ids: [ada.id, unknown], isActive: false }),
    );
    expect(error.data).toMatchObject({ code: "NOT_FOUND", details: { ids: [unknown] } });
    expect(await isActive(ada.id)).toBe(true);
    expect(await activityCount(adminId)).toBe(entries);
  });

  it("changes nobody when the caller is among them", async () => {
    const ada = await signUp(api);
    const error = await failure(
      admin.client.admin.users.setActiveMany.mutate({ ids: [ada.id, adminId], isActive: false }),
    );
    expect(error.data).toMatchObject({ code: "PRECONDITION_FAILED", reason: "self_deactivation" });
    expect(await isActive(ada.id)).toBe(true);
    expect(await isActive(adminId)).toBe(true);
  });

  it("rolls back the users changed before a refusal (the last active admin)", async () => {
    const ops = await userWith(["user.read", "user.manage"], "Bulk ops");
    const ada = await signUp(api);
    const entries = await activityCount(ops.id);
    const error = await failure(
      ops.client.admin.users.setActiveMany.mutate({ ids: [ada.id, adminId], isActive: false }),
    );
    expect(error.data).toMatchObject({ code: "PRECONDITION_FAILED", reason: "last_admin" });
    expect(await isActive(ada.id)).toBe(true);
    expect((await ada.client.users.me.query()).user.isActive).toBe(true);
    expect(await activityCount(ops.id)).toBe(entries);
  });

  it.each([
    ["no ids", []],
    [
      "the same id twice",
      ["11111111-1111-4111-8111-111111111111", "11111111-1111-4111-8111-111111111111"],
    ],
    ["more than 100 ids", Array.from({ length: 101 }, () => randomUUID())],
    ["an id that is not a UUID", ["not-a-uuid"]],
  ])("refuses %s as bad input", async (_case, ids) => {
    const error = await failure(
      admin.client.admin.users.setActiveMany.mutate({ ids, isActive: false }),
    );
    expect(error.data?.code).toBe("BAD_REQUEST");
  });

  it("needs user.manage", async () => {
    const ada = await signUp(api);
    const bob = await signUp(api);
    const error = await failure(
      ada.client.admin.users.setActiveMany.mutate({ ids: [bob.id], isActive: false }),
    );
    expect(error.data).toMatchObject({ code: "FORBIDDEN", details: { permission: "user.manage" } });
    expect(await isActive(bob.id)).toBe(true);
  });
});

describe("admin.users.setRoles", () => {
  it("records the change and applies it at the target's next request", async () => {
    const ada = await signUp(api);
    expect((await failure(ada.client.admin.roles.list.query({}))).data?.code).toBe("FORBIDDEN");
    await admin.client.admin.users.setRoles.mutate({
      userId: ada.id,
      roleKeys: ["manager", "member"],
    });
    expect((await ada.client.admin.roles.list.query({})).items.length).toBeGreaterThanOrEqual(4);
    const { rows } = await api.sql.query<{ changes: unknown }>(
      "SELECT changes FROM activities WHERE action = 'user.set_roles' AND entity_id = $1",
      [ada.id],
    );
    expect(rows).toEqual([
      { changes: { before: { roles: ["member"] }, after: { roles: ["manager", "member"] } } },
    ]);
  });

  it("nobody removes their own last admin capability; nothing changes", async () => {
    const error = await failure(
      admin.client.admin.users.setRoles.mutate({ userId: adminId, roleKeys: ["member"] }),
    );
    expect(error.data).toMatchObject({
      code: "PRECONDITION_FAILED",
      reason: "own_admin_capability",
    });
    expect(await rolesOf(adminId)).toEqual(["admin"]);
    expect((await admin.client.users.me.query()).permissions).toContain("role.manage");
  });

  it("two admins demoting each other at the same moment: one wins, an active admin remains", async () => {
    const fresh = await startApi();
    try {
      await fresh.sql.query(
        "UPDATE users SET is_superuser = false WHERE email = 'admin@example.com'",
      );
      const activeAdmins = async () => {
        const { rows } = await fresh.sql.query<{ id: string }>(
          `SELECT DISTINCT u.id FROM users u
             JOIN user_roles ur ON ur.user_id = u.id
             JOIN role_permissions rp ON rp.role_id = ur.role_id AND rp.permission_key = 'role.manage'
            WHERE u.is_active`,
        );
        return rows.map((row) => row.id);
      };
      const first = await signInAdmin(fresh);
      let survivor = { id: (await first.client.users.me.query()).user.id, client: first.client };
      // A few rounds: whatever the interleaving, the guard's lock lets only one demotion through.
      for (let round = 0; round < 3; round += 1) {
        const other = await signUp(fresh);
        await survivor.client.admin.users.setRoles.mutate({
          userId: other.id,
          roleKeys: ["admin"],
        });
        const outcomes = await Promise.allSettled([
          survivor.client.admin.users.setRoles.mutate({ userId: other.id, roleKeys: ["member"] }),
          other.client.admin.users.setRoles.mutate({ userId: survivor.id, roleKeys: ["member"] }),
        ]);
        expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
        const refused = outcomes.find((outcome) => outcome.status === "rejected");
        const reason: unknown = refused?.reason;
        // Refused by the guard, or (when the other committed first) by the permission it just lost.
        expect(reason instanceof TRPCClientError ? reason.data?.code : reason).toMatch(
          /^(PRECONDITION_FAILED|FORBIDDEN)$/,
        );
        const admins = await activeAdmins();
        expect(admins).toHaveLength(1);
        if (admins[0] === other.id) survivor = { id: other.id, client: other.client };
      }
    } finally {
      await fresh.close();
    }
  });

  it("one admin may demote another while an admin remains", async () => {
    const second = await signUp(api);
    await admin.client.admin.users.setRoles.mutate({ userId: second.id, roleKeys: ["admin"] });
    const self = await failure(
      second.client.admin.users.setRoles.mutate({ userId: second.id, roleKeys: ["manager"] }),
    );
    expect(self.data?.reason).toBe("own_admin_capability");
    // Demoting another admin is fine while one remains.
    await admin.client.admin.users.setRoles.mutate({ userId: second.id, roleKeys: ["member"] });
    expect(await rolesOf(second.id)).toEqual(["member"]);
  });
});
