import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { failure, signedIn, signUp, startApi, type TestApi } from "@fastnext/test-support";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

describe("register, sign in, refresh", () => {
  it("runs register → login → protected call → refresh, and detects refresh-token reuse", async () => {
    const anonymous = api.client();
    const { user } = await anonymous.auth.register.mutate({
      email: "  Ada.Lovelace@Example.COM ",
      name: "Ada",
      password: "analytical-engine",
    });
    expect(user.email).toBe("ada.lovelace@example.com");
    expect(user).not.toHaveProperty("passwordHash");

    const login = signedIn(
      await anonymous.auth.login.mutate({
        email: "ada.lovelace@example.com",
        password: "analytical-engine",
      }),
    );
    expect(login).toMatchObject({
      status: "signed_in",
      expiresIn: 900,
      user: { id: user.id },
      passwordExpired: false,
    });

    const me = await api.client(login.accessToken).users.me.query();
    expect(me.user.id).toBe(user.id);
    expect(me.roles).toEqual(["member"]);
    expect(me.permissions).toEqual(["project.create"]);

    const rotated = await anonymous.auth.refresh.mutate({ refreshToken: login.refreshToken });
    expect(rotated.refreshToken).not.toBe(login.refreshToken);
    expect((await api.client(rotated.accessToken).users.me.query()).user.id).toBe(user.id);

    // The old token is spent; presenting it again revokes the whole family.
    const reuse = await failure(
      anonymous.auth.refresh.mutate({ refreshToken: login.refreshToken }),
    );
    expect(reuse.data).toMatchObject({ code: "UNAUTHORIZED", reason: "refresh_token_reused" });
    const afterReuse = await failure(
      anonymous.auth.refresh.mutate({ refreshToken: rotated.refreshToken }),
    );
    expect(afterReuse.data).toMatchObject({ code: "UNAUTHORIZED", reason: "session_revoked" });
    const accessAfterReuse = await failure(api.client(rotated.accessToken).users.me.query());
    expect(accessAfterReuse.data).toMatchObject({ code: "UNAUTHORIZED", reason: "session_ended" });
  });

  it("stores refresh tokens only as hashes", async () => {
    const ada = await signUp(api);
    const { rows } = await api.sql.query<{ token_hash: string }>(
      "SELECT token_hash FROM refresh_tokens WHERE user_id = $1",
      [ada.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).not.toBe(ada.refreshToken);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a second registration of the same address with a field error", async () => {
    const ada = await signUp(api);
    const error = await failure(
      api.client().auth.register.mutate({
        email: ada.email.toUpperCase(),
        name: "Again",
        password: "whatever-123",
      }),
    );
    expect(error.data).toMatchObject({
      code: "CONFLICT",
      fieldErrors: { email: [expect.any(String)] },
    });
  });

  it("rejects tampered, foreign and missing access tokens", async () => {
    const ada = await signUp(api);
    const [header, payload, signature] = ada.accessToken.split(".");
    const tampered = `${header}.${payload}.${signature?.slice(0, -2)}xx`;
    expect((await failure(api.client(tampered).users.me.query())).data).toMatchObject({
      code: "UNAUTHORIZED",
      reason: "invalid_token",
    });
    expect((await failure(api.client().users.me.query())).data).toMatchObject({
      code: "UNAUTHORIZED",
      reason: "not_signed_in",
    });
  });
});

describe("sessions", () => {
  it("lists the caller's devices and signs one out", async () => {
    const ada = await signUp(api);
    const second = signedIn(
      await api
        .client()
        .auth.login.mutate({ email: ada.email, password: ada.password, deviceLabel: "Phone" }),
    );
    const sessions = await ada.client.auth.sessions.list.query();
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const phone = sessions.find((s) => s.deviceLabel === "Phone");
    expect(phone).toBeDefined();

    await ada.client.auth.sessions.revoke.mutate({ sessionId: phone?.id ?? "" });
    expect((await failure(api.client(second.accessToken).users.me.query())).data?.code).toBe(
      "UNAUTHORIZED",
    );
    expect(await ada.client.auth.sessions.list.query()).toHaveLength(1);
  });

  it("answers NOT_FOUND for another user's session", async () => {
    const ada = await signUp(api);
    const bob = await signUp(api);
    const [bobSession] = await bob.client.auth.sessions.list.query();
    const error = await failure(
      ada.client.auth.sessions.revoke.mutate({ sessionId: bobSession?.id ?? "" }),
    );
    expect(error.data?.code).toBe("NOT_FOUND");
    expect((await bob.client.users.me.query()).user.id).toBe(bob.id);
  });

  it("logout ends one session, logoutAll ends every one", async () => {
    const ada = await signUp(api);
    const other = signedIn(
      await api.client().auth.login.mutate({ email: ada.email, password: ada.password }),
    );
    await api.client().auth.logout.mutate({ refreshToken: other.refreshToken });
    expect((await failure(api.client(other.accessToken).users.me.query())).data?.code).toBe(
      "UNAUTHORIZED",
    );
    expect((await ada.client.users.me.query()).user.id).toBe(ada.id);

    const third = signedIn(
      await api.client().auth.login.mutate({ email: ada.email, password: ada.password }),
    );
    expect(await ada.client.auth.logoutAll.mutate()).toEqual({ revokedSessions: 2 });
    expect((await failure(ada.client.users.me.query())).data?.code).toBe("UNAUTHORIZED");
    expect((await failure(api.client(third.accessToken).users.me.query())).data?.code).toBe(
      "UNAUTHORIZED",
    );
  });

  it("changing the password signs out the other devices and keeps this one", async () => {
    const ada = await signUp(api);
    const other = signedIn(
      await api.client().auth.login.mutate({ email: ada.email, password: ada.password }),
    );
    const wrong = await failure(
      ada.client.auth.changePassword.mutate({
        currentPassword: "not it",
        newPassword: "a-new-password",
      }),
    );
    expect(wrong.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { currentPassword: [expect.any(String)] },
    });

    expect(
      await ada.client.auth.changePassword.mutate({
        currentPassword: ada.password,
        newPassword: "a-new-password",
      }),
    ).toEqual({ revokedSessions: 1 });
    expect((await ada.client.users.me.query()).user.id).toBe(ada.id);
    expect((await failure(api.client(other.accessToken).users.me.query())).data?.code).toBe(
      "UNAUTHORIZED",
    );
    await api.client().auth.login.mutate({ email: ada.email, password: "a-new-password" });
    expect(
      (await failure(api.client().auth.login.mutate({ email: ada.email, password: ada.password })))
        .data?.code,
    ).toBe("UNAUTHORIZED");
  });
});
