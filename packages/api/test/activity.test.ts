import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import {
  clientFor,
  failure,
  signedIn,
  signInAdmin,
  signUp,
  startApi,
  type TestApi,
} from "@fastnext/test-support";

import { appRouter } from "../src/root";
import { authedProcedure, router } from "../src/trpc/procedures";

// The real router plus a probe that reads activities with raw SQL, so RLS
// alone (no filter in the query) decides what a caller sees.
const probeRouter = router({
  ...appRouter._def.record,
  probe: router({
    activityById: authedProcedure
      .input(z.object({ id: z.uuid() }))
      .query(
        ({ ctx, input }) =>
          ctx.db.$queryRaw<
            { id: string }[]
          >`SELECT id FROM activities WHERE id = ${input.id}::uuid`,
      ),
  }),
});
type ProbeRouter = typeof probeRouter;

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ router: probeRouter });
});
afterAll(async () => {
  await api.close();
});

interface Entry {
  action: string;
  entity_type: string;
  entity_id: string | null;
  request_id: string | null;
  ip: string | null;
}

async function entriesOf(userId: string): Promise<Entry[]> {
  const { rows } = await api.sql.query<Entry>(
    "SELECT action, entity_type, entity_id, request_id, ip FROM activities WHERE actor_id = $1 ORDER BY created_at, id",
    [userId],
  );
  return rows;
}

/** Runs one call and returns the activity entries it added for `userId`. */
async function added(userId: string, call: () => Promise<unknown>): Promise<Entry[]> {
  const before = await entriesOf(userId);
  await call();
  return (await entriesOf(userId)).slice(before.length);
}

describe("every auth mutation writes exactly one entry", () => {
  it("register, login, refresh, sessions.revoke, changePassword, logout, logoutAll", async () => {
    const anonymous = api.client();
    const email = "trail@example.com";
    const password = "trail password";
    const { user } = await anonymous.auth.register.mutate({ email, name: "Trail", password });
    expect(await entriesOf(user.id)).toEqual([
      expect.objectContaining({ action: "user.register", entity_type: "user", entity_id: user.id }),
    ]);

    let session = signedIn(await anonymous.auth.login.mutate({ email, password }));
    const login = await entriesOf(user.id);
    expect(login.at(-1)).toMatchObject({
      action: "auth.login",
      entity_type: "session",
      ip: "127.0.0.1",
    });
    expect(login.at(-1)?.request_id).toEqual(expect.any(String));

    const other = signedIn(
      await anonymous.auth.login.mutate({ email, password, deviceLabel: "Other" }),
    );
    const client = api.client(session.accessToken);
    const otherSession = (await client.auth.sessions.list.query()).find((s) => !s.current);

    const steps: [string, () => Promise<unknown>][] = [
      [
        "session.refresh",
        async () => {
          const rotated = await anonymous.auth.refresh.mutate({
            refreshToken: session.refreshToken,
          });
          session = { ...session, ...rotated };
        },
      ],
      [
        "session.revoke",
        () => client.auth.sessions.revoke.mutate({ sessionId: otherSession?.id ?? "" }),
      ],
      [
        "auth.change_password",
        () =>
          api
            .client(session.accessToken)
            .auth.changePassword.mutate({ currentPassword: password, newPassword: "new trail pw" }),
      ],
      ["auth.logout", () => anonymous.auth.logout.mutate({ refreshToken: session.refreshToken })],
      [
        "auth.logout_all",
        async () => {
          const again = signedIn(
            await anonymous.auth.login.mutate({ email, password: "new trail pw" }),
          );
          await api.client(again.accessToken).auth.logoutAll.mutate();
        },
      ],
    ];
    for (const [action, step] of steps) {
      const entries = await added(user.id, step);
      const expected = action === "auth.logout_all" ? ["auth.login", action] : [action];
      expect(
        entries.map((e) => e.action),
        action,
      ).toEqual(expected);
    }
    // Logging out a session that is already over changes nothing and records nothing.
    expect(
      await added(user.id, () =>
        anonymous.auth.logout.mutate({ refreshToken: other.refreshToken }),
      ),
    ).toEqual([]);
  });

  it("admin.users.setRoles writes one entry in the admin's name", async () => {
    const admin = await signInAdmin(api);
    const me = await admin.client.users.me.query();
    const ada = await signUp(api);
    const entries = await added(me.user.id, () =>
      admin.client.admin.users.setRoles.mutate({ userId: ada.id, roleKeys: ["viewer"] }),
    );
    expect(entries).toEqual([
      expect.objectContaining({ action: "user.set_roles", entity_type: "user", entity_id: ada.id }),
    ]);
  });

  it("a refused mutation writes nothing", async () => {
    const ada = await signUp(api);
    const entries = await added(ada.id, async () => {
      await failure(
        ada.client.auth.changePassword.mutate({
          currentPassword: "wrong",
          newPassword: "whatever-long",
        }),
      );
      await failure(
        ada.client.admin.users.setRoles.mutate({ userId: ada.id, roleKeys: ["admin"] }),
      );
    });
    expect(entries).toEqual([]);
  });
});

describe("users.activities", () => {
  it("lists only the caller's own trail, newest first", async () => {
    const ada = await signUp(api);
    const bob = await signUp(api);
    await ada.client.users.updateProfile.mutate({ name: "Ada 2" });
    await bob.client.users.updateProfile.mutate({ name: "Bob 2" });
    const page = await ada.client.users.activities.list.query({ limit: 100 });
    expect(page.items.map((e) => e.action)).toEqual([
      "user.update_profile",
      "auth.login",
      "user.register",
    ]);
    expect(new Set(page.items.map((e) => e.actorId))).toEqual(new Set([ada.id]));
    expect(page.items[0]?.changes).toEqual({ before: { name: "User" }, after: { name: "Ada 2" } });
  });

  it("pages through three pages while entries are added: no duplicates, no gaps", async () => {
    const ada = await signUp(api);
    for (let i = 0; i < 7; i += 1)
      await ada.client.users.updateProfile.mutate({ name: `Ada ${i}` });
    const { rows } = await api.sql.query<{ id: string }>(
      "SELECT id FROM activities WHERE actor_id = $1 ORDER BY created_at DESC, id DESC",
      [ada.id],
    );
    const existing = rows.map((row) => row.id);
    expect(existing).toHaveLength(9);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof ada.client.users.activities.list.query>> =
        await ada.client.users.activities.list.query({ limit: 3, cursor });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
      pages += 1;
      await ada.client.users.updateProfile.mutate({ name: `Meanwhile ${pages}` });
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    // Exactly the entries that existed, once each and in order; the ones added meanwhile sort before page one.
    expect(seen).toEqual(existing);
  });

  it("a user cannot read another's entry by id (NOT_FOUND), nor see it through raw SQL (RLS)", async () => {
    const ada = await signUp(api);
    const bob = await signUp(api);
    const [bobEntry] = (await bob.client.users.activities.list.query({ limit: 1 })).items;
    const id = bobEntry?.id ?? "";
    expect((await bob.client.users.activities.get.query({ id })).id).toBe(id);
    expect((await failure(ada.client.users.activities.get.query({ id }))).data?.code).toBe(
      "NOT_FOUND",
    );
    const adaProbe = clientFor<ProbeRouter>(api.url, false, ada.accessToken);
    expect(await adaProbe.probe.activityById.query({ id })).toEqual([]);
    const admin = await signInAdmin(api);
    expect(
      await clientFor<ProbeRouter>(api.url, false, admin.accessToken).probe.activityById.query({
        id,
      }),
    ).toEqual([{ id }]);
  });
});

describe("admin.activities.list", () => {
  it("needs activity.read_all", async () => {
    const ada = await signUp(api);
    const error = await failure(ada.client.admin.activities.list.query({}));
    expect(error.data).toMatchObject({
      code: "FORBIDDEN",
      details: { permission: "activity.read_all" },
    });
  });

  it("filters by actor, action, entity and time range, and pages", async () => {
    const admin = await signInAdmin(api);
    const ada = await signUp(api);
    const started = new Date();
    await ada.client.users.updateProfile.mutate({ name: "Filtered 1" });
    await ada.client.users.updateProfile.mutate({ name: "Filtered 2" });
    await admin.client.admin.users.setRoles.mutate({ userId: ada.id, roleKeys: ["viewer"] });

    const byActor = await admin.client.admin.activities.list.query({ actorId: ada.id, limit: 100 });
    expect(byActor.items.map((e) => e.action)).toEqual([
      "user.update_profile",
      "user.update_profile",
      "auth.login",
      "user.register",
    ]);
    const byAction = await admin.client.admin.activities.list.query({
      actorId: ada.id,
      action: "user.update_profile",
    });
    expect(byAction.items).toHaveLength(2);
    const byEntity = await admin.client.admin.activities.list.query({
      entityType: "user",
      entityId: ada.id,
      limit: 100,
    });
    expect(byEntity.items.map((e) => e.action)).toContain("user.set_roles");
    expect(byEntity.items.every((e) => e.entityId === ada.id)).toBe(true);
    const since = await admin.client.admin.activities.list.query({
      actorId: ada.id,
      from: new Date(started.getTime() - 1),
    });
    expect(since.items.map((e) => e.action)).toEqual([
      "user.update_profile",
      "user.update_profile",
    ]);
    const before = await admin.client.admin.activities.list.query({
      actorId: ada.id,
      to: new Date(started.getTime() - 1),
    });
    expect(before.items.map((e) => e.action)).toEqual(["auth.login", "user.register"]);

    const first = await admin.client.admin.activities.list.query({ actorId: ada.id, limit: 3 });
    const second = await admin.client.admin.activities.list.query({
      actorId: ada.id,
      limit: 3,
      cursor: first.nextCursor,
    });
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual(
      byActor.items.map((e) => e.id),
    );
    expect(second.nextCursor).toBeNull();
  });
});
