import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { failure, signInAdmin, signUp, startApi, type TestApi } from "@fastnext/test-support";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

describe("route-level permissions", () => {
  it("FORBIDDEN without the permission; allowed at the next request after a grant; gone after removal", async () => {
    const ada = await signUp(api);
    const admin = await signInAdmin(api);

    const before = await failure(ada.client.admin.users.list.query({}));
    expect(before.data).toMatchObject({
      code: "FORBIDDEN",
      reason: "missing_permission",
      details: { permission: "user.read" },
    });

    await admin.client.admin.users.setRoles.mutate({
      userId: ada.id,
      roleKeys: ["member", "manager"],
    });
    const page = await ada.client.admin.users.list.query({ limit: 100 });
    expect(page.items.map((u) => u.id)).toContain(ada.id);

    await admin.client.admin.users.setRoles.mutate({ userId: ada.id, roleKeys: ["member"] });
    expect((await failure(ada.client.admin.users.list.query({}))).data?.code).toBe("FORBIDDEN");
  });

  it("refuses to assign roles without role.manage, and writes nothing", async () => {
    const ada = await signUp(api);
    const bob = await signUp(api);
    const error = await failure(
      ada.client.admin.users.setRoles.mutate({ userId: bob.id, roleKeys: ["admin"] }),
    );
    expect(error.data?.code).toBe("FORBIDDEN");
    expect((await bob.client.users.me.query()).roles).toEqual(["member"]);
  });

  it("rejects unknown roles with a field error and changes nothing", async () => {
    const ada = await signUp(api);
    const admin = await signInAdmin(api);
    const error = await failure(
      admin.client.admin.users.setRoles.mutate({ userId: ada.id, roleKeys: ["viewer", "wizard"] }),
    );
    expect(error.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { roleKeys: ['Unknown role "wizard"'] },
    });
    expect((await ada.client.users.me.query()).roles).toEqual(["member"]);
  });

  it("role changes bump the user's access version (for cached permission sets)", async () => {
    const ada = await signUp(api);
    const admin = await signInAdmin(api);
    const version = async () =>
      (
        await api.sql.query<{ access_version: number }>(
          "SELECT access_version FROM users WHERE id = $1",
          [ada.id],
        )
      ).rows[0]?.access_version;
    const first = await version();
    await admin.client.admin.users.setRoles.mutate({ userId: ada.id, roleKeys: ["viewer"] });
    expect(await version()).toBeGreaterThan(first ?? 0);
  });
});

describe("field-level views", () => {
  it("shows e-mail and sign-in details to the user and to user.read holders only", async () => {
    const ada = await signUp(api);
    const admin = await signInAdmin(api);
    const self = await ada.client.users.me.query();
    expect(self.user).toMatchObject({ email: ada.email, failedLoginCount: 0 });
    expect(self.user).not.toHaveProperty("passwordHash");

    const listed = await admin.client.admin.users.list.query({ search: ada.email });
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ id: ada.id, email: ada.email });
    expect(JSON.stringify(listed)).not.toMatch(/password/i);
  });
});
