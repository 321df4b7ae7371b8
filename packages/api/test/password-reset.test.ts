import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { failure, signUp, startApi, type TestApi } from "@fastnext/test-support";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

const sha256 = (value: string) => createHash("sha256").update(value, "utf8").digest("hex");

async function count(sql: string, params: unknown[]): Promise<number> {
  const { rows } = await api.sql.query<{ n: number }>(sql, params);
  return rows[0]?.n ?? 0;
}

/**
 * A reset request whose secret the test knows. The worker's handler sets
 * the hash when it mails the link; here the test plays that part.
 */
async function requestWithSecret(
  email: string,
  secret: string,
  expiresInMinutes = 30,
): Promise<string> {
  await api.client().auth.requestPasswordReset.mutate({ email });
  const { rows } = await api.sql.query<{ id: string }>(
    `UPDATE password_reset_tokens SET token_hash = $2, expires_at = now() + make_interval(mins => $3)
      WHERE id = (SELECT t.id FROM password_reset_tokens t JOIN users u ON u.id = t.user_id
                   WHERE u.email = $1 ORDER BY t.created_at DESC LIMIT 1)
      RETURNING id`,
    [email, sha256(secret), expiresInMinutes],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error("no reset request was recorded");
  return id;
}

async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work;
  return { result, ms: performance.now() - started };
}

describe("auth.requestPasswordReset", () => {
  it("answers the same, in about the same time, for known and unknown addresses", async () => {
    const ann = await signUp(api, "Ann");
    const known = await timed(
      api.client().auth.requestPasswordReset.mutate({ email: ann.email.toUpperCase() }),
    );
    const unknown = await timed(
      api.client().auth.requestPasswordReset.mutate({ email: "nobody@example.com" }),
    );
    expect(known.result).toEqual({ ok: true });
    expect(unknown.result).toEqual(known.result);
    expect(known.ms).toBeGreaterThanOrEqual(290);
    expect(unknown.ms).toBeGreaterThanOrEqual(290);
    expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(150);
  });

  it("records a single-use, 30-minute request, its event and one activity entry, for a real account only", async () => {
    const ann = await signUp(api, "Ann");
    await api.client().auth.requestPasswordReset.mutate({ email: ann.email });
    const { rows } = await api.sql.query<{
      id: string;
      token_hash: string | null;
      minutes: number;
      used_at: Date | null;
    }>(
      `SELECT id, token_hash, extract(epoch FROM expires_at - created_at) / 60 AS minutes, used_at
         FROM password_reset_tokens WHERE user_id = $1`,
      [ann.id],
    );
    expect(rows).toHaveLength(1);
    // The secret is made and hashed by the worker when it sends the mail: nothing usable is stored yet.
    expect(rows[0]).toMatchObject({ token_hash: null, used_at: null });
    expect(Number(rows[0]?.minutes)).toBeCloseTo(30, 0);
    const events = await api.sql.query<{ payload: unknown; actor_id: string }>(
      "SELECT payload, actor_id FROM domain_events WHERE name = 'user.password_reset_requested' AND actor_id = $1",
      [ann.id],
    );
    expect(events.rows).toEqual([
      { payload: { userId: ann.id, resetTokenId: rows[0]?.id }, actor_id: ann.id },
    ]);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM activities WHERE actor_id = $1 AND action = 'user.password_reset_request'",
        [ann.id],
      ),
    ).toBe(1);

    const before = await count("SELECT count(*)::int AS n FROM password_reset_tokens", []);
    const eventsBefore = await count("SELECT count(*)::int AS n FROM domain_events", []);
    await api.client().auth.requestPasswordReset.mutate({ email: "nobody-else@example.com" });
    expect(await count("SELECT count(*)::int AS n FROM password_reset_tokens", [])).toBe(before);
    expect(await count("SELECT count(*)::int AS n FROM domain_events", [])).toBe(eventsBefore);
  });

  it("records nothing for a deactivated account, and says so to no one", async () => {
    const ann = await signUp(api, "Ann");
    await api.sql.query("UPDATE users SET is_active = false WHERE id = $1", [ann.id]);
    expect(await api.client().auth.requestPasswordReset.mutate({ email: ann.email })).toEqual({
      ok: true,
    });
    expect(
      await count("SELECT count(*)::int AS n FROM password_reset_tokens WHERE user_id = $1", [
        ann.id,
      ]),
    ).toBe(0);
  });

  it("validates the address with a field error", async () => {
    const error = await failure(
      api.client().auth.requestPasswordReset.mutate({ email: "not an address" }),
    );
    expect(error.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { email: [expect.any(String)] },
    });
  });
});

describe("rate limits", () => {
  let limited: TestApi;
  beforeAll(async () => {
    limited = await startApi({ passwordResetPerAccount: 2, passwordResetPerIp: 6 });
  });
  afterAll(async () => {
    await limited.close();
  });

  it("limit requests per address, known or not, and per client address", async () => {
    const ann = await signUp(limited, "Ann");
    const anonymous = limited.client();
    for (const email of [ann.email, "ghost@example.com"]) {
      await anonymous.auth.requestPasswordReset.mutate({ email });
      await anonymous.auth.requestPasswordReset.mutate({ email });
      const third = await failure(anonymous.auth.requestPasswordReset.mutate({ email }));
      expect(third.data).toMatchObject({ code: "TOO_MANY_REQUESTS", reason: "rate_limited" });
    }
    // Six requests (refused ones count too) spent the per-IP allowance: a fresh address is refused as well.
    const perIp = await failure(
      anonymous.auth.requestPasswordReset.mutate({ email: "fresh@example.com" }),
    );
    expect(perIp.data).toMatchObject({ code: "TOO_MANY_REQUESTS", reason: "rate_limited" });
    expect(
      (await limited.sql.query("SELECT 1 FROM password_reset_tokens WHERE user_id = $1", [ann.id]))
        .rowCount,
    ).toBe(2);
  });
});

describe("auth.resetPassword", () => {
  it("sets the password, spends the request, ends every session and records the change", async () => {
    const ann = await signUp(api, "Ann");
    const secret = "correct-secret-from-the-mail-0123456789abc";
    const requestId = await requestWithSecret(ann.email, secret);
    const result = await api
      .client()
      .auth.resetPassword.mutate({ token: secret, password: "a brand new password" });
    expect(result).toEqual({ ok: true, revokedSessions: 1 });

    expect((await failure(ann.client.users.me.query())).data).toMatchObject({
      code: "UNAUTHORIZED",
      reason: "session_ended",
    });
    const oldPassword = await failure(
      api.client().auth.login.mutate({ email: ann.email, password: ann.password }),
    );
    expect(oldPassword.data).toMatchObject({ code: "UNAUTHORIZED", reason: "invalid_credentials" });
    const signedIn = await api
      .client()
      .auth.login.mutate({ email: ann.email, password: "a brand new password" });
    expect(signedIn).toMatchObject({ status: "signed_in" });

    const { rows } = await api.sql.query<{ used_at: Date | null }>(
      "SELECT used_at FROM password_reset_tokens WHERE id = $1",
      [requestId],
    );
    expect(rows[0]?.used_at).toBeInstanceOf(Date);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM activities WHERE actor_id = $1 AND action = 'user.password_reset'",
        [ann.id],
      ),
    ).toBe(1);
    expect(
      await count("SELECT count(*)::int AS n FROM password_history WHERE user_id = $1", [ann.id]),
    ).toBe(2);
  });

  it("cannot be used twice", async () => {
    const ann = await signUp(api, "Ann");
    const secret = "single-use-secret-from-the-mail-0123456789";
    await requestWithSecret(ann.email, secret);
    await api.client().auth.resetPassword.mutate({ token: secret, password: "first new password" });
    const again = await failure(
      api.client().auth.resetPassword.mutate({ token: secret, password: "second new password" }),
    );
    expect(again.data).toMatchObject({
      code: "BAD_REQUEST",
      reason: "reset_token_used",
      fieldErrors: { token: [expect.any(String)] },
    });
    const second = await failure(
      api.client().auth.login.mutate({ email: ann.email, password: "second new password" }),
    );
    expect(second.data).toMatchObject({ code: "UNAUTHORIZED" });
    expect(
      await count(
        "SELECT count(*)::int AS n FROM activities WHERE actor_id = $1 AND action = 'user.password_reset'",
        [ann.id],
      ),
    ).toBe(1);
  });

  it("cannot be used after it expired, and changes nothing", async () => {
    const ann = await signUp(api, "Ann");
    const secret = "expired-secret-from-the-mail-0123456789abc";
    await requestWithSecret(ann.email, secret, -1);
    const error = await failure(
      api.client().auth.resetPassword.mutate({ token: secret, password: "too late password" }),
    );
    expect(error.data).toMatchObject({ code: "BAD_REQUEST", reason: "reset_token_expired" });
    expect(await ann.client.users.me.query()).toMatchObject({ user: { id: ann.id } });
    const login = await api
      .client()
      .auth.login.mutate({ email: ann.email, password: ann.password });
    expect(login).toMatchObject({ status: "signed_in" });
  });

  it("refuses an unknown secret, and a password the policy refuses without spending the request", async () => {
    const unknown = await failure(
      api
        .client()
        .auth.resetPassword.mutate({ token: "x".repeat(43), password: "whatever password" }),
    );
    expect(unknown.data).toMatchObject({ code: "BAD_REQUEST", reason: "reset_token_invalid" });

    const ann = await signUp(api, "Ann");
    const secret = "policy-secret-from-the-mail-0123456789abcd";
    const requestId = await requestWithSecret(ann.email, secret);
    const short = await failure(
      api.client().auth.resetPassword.mutate({ token: secret, password: "short" }),
    );
    expect(short.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { password: [expect.any(String)] },
    });
    // The current password is in the history: reusing it breaks the policy.
    const reused = await failure(
      api.client().auth.resetPassword.mutate({ token: secret, password: ann.password }),
    );
    expect(reused.data).toMatchObject({ code: "BAD_REQUEST", reason: "password_policy" });
    const { rows } = await api.sql.query<{ used_at: Date | null }>(
      "SELECT used_at FROM password_reset_tokens WHERE id = $1",
      [requestId],
    );
    expect(rows[0]?.used_at).toBeNull();
    expect(
      await api
        .client()
        .auth.resetPassword.mutate({ token: secret, password: "finally acceptable" }),
    ).toMatchObject({ ok: true });
  });

  it("lets exactly one of two simultaneous uses win", async () => {
    const ann = await signUp(api, "Ann");
    const secret = "raced-secret-from-the-mail-0123456789abcdef";
    await requestWithSecret(ann.email, secret);
    const outcomes = await Promise.allSettled([
      api.client().auth.resetPassword.mutate({ token: secret, password: "racer number one" }),
      api.client().auth.resetPassword.mutate({ token: secret, password: "racer number two" }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM activities WHERE actor_id = $1 AND action = 'user.password_reset'",
        [ann.id],
      ),
    ).toBe(1);
  });
});
