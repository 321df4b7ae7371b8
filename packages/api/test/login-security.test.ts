import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { failure, signUp, startApi, type TestApi } from "@fastnext/test-support";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function timed(call: Promise<unknown>): Promise<number> {
  const started = performance.now();
  await call.catch(() => undefined);
  return performance.now() - started;
}

describe("sign-in protection", () => {
  it("gives the same answer for an unknown user and a wrong password", async () => {
    const ada = await signUp(api);
    const unknown = await failure(
      api.client().auth.login.mutate({ email: "nobody@example.com", password: "x" }),
    );
    const wrong = await failure(
      api.client().auth.login.mutate({ email: ada.email, password: "not-the-password" }),
    );
    expect(unknown.message).toBe(wrong.message);
    expect(unknown.data).toMatchObject({ code: "UNAUTHORIZED", reason: "invalid_credentials" });
    expect(wrong.data).toMatchObject({ code: "UNAUTHORIZED", reason: "invalid_credentials" });
  });

  it("takes about as long for an unknown user as for a wrong password", async () => {
    const ada = await signUp(api);
    const unknownTimes: number[] = [];
    const wrongTimes: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      unknownTimes.push(
        await timed(
          api.client().auth.login.mutate({ email: `ghost${i}@example.com`, password: "pw" }),
        ),
      );
      wrongTimes.push(
        await timed(api.client().auth.login.mutate({ email: ada.email, password: `wrong-${i}` })),
      );
    }
    // Without the dummy verification an unknown user answers ~50x faster.
    const ratio = median(unknownTimes) / median(wrongTimes);
    expect(ratio).toBeGreaterThan(0.33);
    expect(ratio).toBeLessThan(3);
  });

  it("locks the account at the sixth wrong password in a row", async () => {
    const ada = await signUp(api);
    for (let i = 1; i <= 5; i += 1) {
      const error = await failure(
        api.client().auth.login.mutate({ email: ada.email, password: `wrong-${i}` }),
      );
      expect(error.data?.reason).toBe("invalid_credentials");
    }
    const sixth = await failure(
      api.client().auth.login.mutate({ email: ada.email, password: "wrong-6" }),
    );
    expect(sixth.data).toMatchObject({ code: "TOO_MANY_REQUESTS", reason: "account_locked" });
    // Even the right password is refused while locked.
    const locked = await failure(
      api.client().auth.login.mutate({ email: ada.email, password: ada.password }),
    );
    expect(locked.data).toMatchObject({ code: "TOO_MANY_REQUESTS", reason: "account_locked" });

    await api.sql.query(
      "UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1",
      [ada.id],
    );
    await api.client().auth.login.mutate({ email: ada.email, password: ada.password });
    const { rows } = await api.sql.query("SELECT failed_login_count FROM users WHERE id = $1", [
      ada.id,
    ]);
    expect(rows[0]).toEqual({ failed_login_count: 0 });
  });

  it("a successful sign-in resets the count of wrong passwords", async () => {
    const ada = await signUp(api);
    for (let i = 0; i < 4; i += 1)
      await failure(api.client().auth.login.mutate({ email: ada.email, password: "no" }));
    await api.client().auth.login.mutate({ email: ada.email, password: ada.password });
    for (let i = 0; i < 5; i += 1)
      await failure(api.client().auth.login.mutate({ email: ada.email, password: "no" }));
    await api.client().auth.login.mutate({ email: ada.email, password: ada.password });
  });

  it("refuses deactivated users, and their valid access tokens stop working at the next request", async () => {
    const ada = await signUp(api);
    expect((await ada.client.users.me.query()).user.id).toBe(ada.id);
    await api.sql.query("UPDATE users SET is_active = false WHERE id = $1", [ada.id]);

    expect((await failure(ada.client.users.me.query())).data).toMatchObject({
      code: "UNAUTHORIZED",
    });
    const refresh = await failure(
      api.client().auth.refresh.mutate({ refreshToken: ada.refreshToken }),
    );
    expect(refresh.data).toMatchObject({ code: "UNAUTHORIZED", reason: "account_inactive" });
    const login = await failure(
      api.client().auth.login.mutate({ email: ada.email, password: ada.password }),
    );
    expect(login.data).toMatchObject({ code: "UNAUTHORIZED", reason: "account_inactive" });
  });
});

describe("rate limits", () => {
  it("answers TOO_MANY_REQUESTS past the per-address sign-in limit", async () => {
    const limited = await startApi({ loginPerIp: 3 });
    try {
      for (let i = 0; i < 3; i += 1) {
        const error = await failure(
          limited.client().auth.login.mutate({ email: "x@example.com", password: "y" }),
        );
        expect(error.data?.code).toBe("UNAUTHORIZED");
      }
      const error = await failure(
        limited.client().auth.login.mutate({ email: "x@example.com", password: "y" }),
      );
      expect(error.data).toMatchObject({
        code: "TOO_MANY_REQUESTS",
        httpStatus: 429,
        reason: "rate_limited",
      });
      expect(
        (error.data?.details as { retryAfterSeconds: number }).retryAfterSeconds,
      ).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it("limits attempts per account across addresses", async () => {
    const limited = await startApi({ loginPerAccount: 2 });
    try {
      await failure(
        limited.client().auth.login.mutate({ email: "target@example.com", password: "a" }),
      );
      await failure(
        limited.client().auth.login.mutate({ email: "target@example.com", password: "b" }),
      );
      const third = await failure(
        limited.client().auth.login.mutate({ email: "target@example.com", password: "c" }),
      );
      expect(third.data?.code).toBe("TOO_MANY_REQUESTS");
      const other = await failure(
        limited.client().auth.login.mutate({ email: "other@example.com", password: "c" }),
      );
      expect(other.data?.code).toBe("UNAUTHORIZED");
    } finally {
      await limited.close();
    }
  });
});
