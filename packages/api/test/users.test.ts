import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { failure, signUp, startApi, type TestApi } from "@fastnext/test-support";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

async function profileRow(userId: string) {
  const { rows } = await api.sql.query<Record<string, unknown>>(
    "SELECT name, avatar_url, locale, time_zone FROM users WHERE id = $1",
    [userId],
  );
  return rows[0];
}

describe("users.updateProfile", () => {
  it("changes the caller's own profile and records the changed fields", async () => {
    const ada = await signUp(api, "Ada");
    const updated = await ada.client.users.updateProfile.mutate({
      name: "Ada Lovelace",
      avatarUrl: "https://cdn.example.com/ada.png",
      locale: "en-GB",
      timeZone: "Europe/London",
    });
    expect(updated).toMatchObject({
      id: ada.id,
      name: "Ada Lovelace",
      avatarUrl: "https://cdn.example.com/ada.png",
      locale: "en-GB",
      timeZone: "Europe/London",
      email: ada.email,
    });
    expect((await ada.client.users.me.query()).user).toMatchObject({
      locale: "en-GB",
      timeZone: "Europe/London",
    });

    const cleared = await ada.client.users.updateProfile.mutate({ avatarUrl: null });
    expect(cleared.avatarUrl).toBeNull();
    expect(cleared.name).toBe("Ada Lovelace");

    const { rows } = await api.sql.query<{
      changes: unknown;
      request_id: string | null;
      ip: string | null;
    }>(
      "SELECT changes, request_id, ip FROM activities WHERE actor_id = $1 AND action = 'user.update_profile' ORDER BY created_at",
      [ada.id],
    );
    expect(rows.map((row) => row.changes)).toEqual([
      {
        before: { name: "Ada", avatarUrl: null, locale: "en", timeZone: "UTC" },
        after: {
          name: "Ada Lovelace",
          avatarUrl: "https://cdn.example.com/ada.png",
          locale: "en-GB",
          timeZone: "Europe/London",
        },
      },
      { before: { avatarUrl: "https://cdn.example.com/ada.png" }, after: { avatarUrl: null } },
    ]);
    expect(rows[0]?.request_id).toEqual(expect.any(String));
    expect(rows[0]?.ip).toBe("127.0.0.1");
  });

  it("refuses bad values with field errors and writes nothing", async () => {
    const ada = await signUp(api, "Ada");
    const before = await profileRow(ada.id);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ avatarUrl: "http://insecure.example.com/a.png" }, ["avatarUrl"]],
      [{ avatarUrl: "javascript:alert(1)" }, ["avatarUrl"]],
      [{ timeZone: "Mars/Olympus_Mons" }, ["timeZone"]],
      [{ locale: "english please" }, ["locale"]],
      [{ name: "" }, ["name"]],
      [{ name: "x".repeat(200), timeZone: "Nowhere" }, ["name", "timeZone"]],
    ];
    for (const [input, fields] of cases) {
      const error = await failure(ada.client.users.updateProfile.mutate(input));
      expect(error.data, JSON.stringify(input)).toMatchObject({ code: "BAD_REQUEST" });
      expect(Object.keys(error.data?.fieldErrors ?? {}).sort()).toEqual(fields);
    }
    const unknown = await failure(
      ada.client.users.updateProfile.mutate({ isSuperuser: true } as never),
    );
    expect(unknown.data?.code).toBe("BAD_REQUEST");
    expect(await profileRow(ada.id)).toEqual(before);
    const { rows } = await api.sql.query(
      "SELECT 1 FROM activities WHERE actor_id = $1 AND action = 'user.update_profile'",
      [ada.id],
    );
    expect(rows).toEqual([]);
  });

  it("accepts UTC and IANA zones", async () => {
    const ada = await signUp(api);
    expect(
      (await ada.client.users.updateProfile.mutate({ timeZone: "America/Sao_Paulo" })).timeZone,
    ).toBe("America/Sao_Paulo");
    expect((await ada.client.users.updateProfile.mutate({ timeZone: "UTC" })).timeZone).toBe("UTC");
  });

  it("needs a session", async () => {
    expect((await failure(api.client().users.updateProfile.mutate({ name: "X" }))).data?.code).toBe(
      "UNAUTHORIZED",
    );
  });

  it("shows another user's avatar only through fields they may see", async () => {
    const ada = await signUp(api);
    const me = await ada.client.users.me.query();
    expect(me.user).toHaveProperty("twoFactorEnabled", false);
    expect(JSON.stringify(me)).not.toMatch(/passwordHash|twoFactorSecret|settings/);
  });
});
