import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  failure,
  signedIn,
  signInAdmin,
  signUp,
  startApi,
  type TestApi,
} from "@fastnext/test-support";

import { webSignIn } from "../src";
import { trustNoProxy } from "../src/http";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

type User = Awaited<ReturnType<typeof signUp>>;

const STEP_SECONDS = 30;

/**
 * The code an authenticator app shows for the next time step the server
 * still accepts. The server accepts each code once (a later step than the
 * last accepted) within one step of drift either way, so a test that uses
 * two codes in a row takes the next step for the second rather than
 * waiting 30 seconds. More than two within a step would need waiting.
 */
async function nextCode(user: { id: string; secret: string }): Promise<string> {
  const { rows } = await api.sql.query<{ step: number | null }>(
    "SELECT two_factor_last_step AS step FROM users WHERE id = $1",
    [user.id],
  );
  const now = Math.floor(Date.now() / 1000 / STEP_SECONDS);
  const last = rows[0]?.step;
  const step = last === null || last === undefined ? now : Math.max(now, last + 1);
  if (step > now + 1) throw new Error("every acceptable step is used: wait for the next one");
  return generate({ secret: user.secret, epoch: step * STEP_SECONDS });
}

/** A signed-up user with two-factor on: its secret and backup codes. */
async function withTwoFactor(
  on: TestApi = api,
): Promise<User & { secret: string; backupCodes: string[] }> {
  const user = await signUp(on);
  const { secret } = await user.client.users.security.twoFactor.setup.mutate();
  const { backupCodes } = await user.client.users.security.twoFactor.confirm.mutate({
    code: await generate({ secret }),
  });
  return { ...user, secret, backupCodes };
}

async function challenge(user: User): Promise<string> {
  const result = await api
    .client()
    .auth.login.mutate({ email: user.email, password: user.password });
  if (result.status !== "two_factor_required") throw new Error("expected a two-factor challenge");
  return result.challengeToken;
}

async function account(userId: string) {
  const { rows } = await api.sql.query<{
    two_factor_enabled: boolean;
    two_factor_secret: string | null;
    two_factor_pending: string | null;
    failed_login_count: number;
  }>(
    "SELECT two_factor_enabled, two_factor_secret, two_factor_pending, failed_login_count FROM users WHERE id = $1",
    [userId],
  );
  return rows[0];
}

async function liveSessions(userId: string): Promise<number> {
  const { rows } = await api.sql.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL",
    [userId],
  );
  return rows[0]?.n ?? -1;
}

describe("setting two-factor up", () => {
  it("keeps the secret sealed and pending until the first valid code, then returns ten hashed backup codes", async () => {
    const ada = await signUp(api);
    const setup = await ada.client.users.security.twoFactor.setup.mutate();
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(setup.otpauthUri).toContain(`secret=${setup.secret}`);
    const pending = await account(ada.id);
    expect(pending).toMatchObject({ two_factor_enabled: false, two_factor_secret: null });
    // Sealed under the ring's key, which the value names.
    expect(pending?.two_factor_pending).toMatch(
      new RegExp(`^v2\\.${api.deps.encryptionKeys[0].kid}\\.`),
    );
    expect(pending?.two_factor_pending).not.toContain(setup.secret);

    const wrong = await failure(
      ada.client.users.security.twoFactor.confirm.mutate({ code: "000000" }),
    );
    expect(wrong.data).toMatchObject({
      code: "BAD_REQUEST",
      reason: "invalid_code",
      fieldErrors: { code: [expect.any(String)] },
    });
    expect((await account(ada.id))?.two_factor_enabled).toBe(false);

    const { backupCodes } = await ada.client.users.security.twoFactor.confirm.mutate({
      code: await generate({ secret: setup.secret }),
    });
    expect(backupCodes).toHaveLength(10);
    expect(new Set(backupCodes).size).toBe(10);
    for (const code of backupCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const on = await account(ada.id);
    expect(on).toMatchObject({ two_factor_enabled: true, two_factor_pending: null });
    expect(on?.two_factor_secret).toBe(pending?.two_factor_pending);
    const { rows } = await api.sql.query<{ code_hash: string }>(
      "SELECT code_hash FROM two_factor_backup_codes WHERE user_id = $1",
      [ada.id],
    );
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      expect(row.code_hash).toMatch(/^[A-Za-z0-9_-]+\.[0-9a-f]{64}$/);
      expect(row.code_hash.startsWith(`${api.deps.encryptionKeys[0].kid}.`)).toBe(true);
      expect(backupCodes.join()).not.toContain(row.code_hash);
    }
    const again = await failure(ada.client.users.security.twoFactor.setup.mutate());
    expect(again.data).toMatchObject({ code: "PRECONDITION_FAILED", reason: "two_factor_enabled" });
    expect((await ada.client.users.me.query()).user.twoFactorEnabled).toBe(true);
  });

  it("refuses confirming without a set-up, and malformed codes", async () => {
    const ada = await signUp(api);
    const none = await failure(
      ada.client.users.security.twoFactor.confirm.mutate({ code: "123456" }),
    );
    expect(none.data).toMatchObject({
      code: "PRECONDITION_FAILED",
      reason: "two_factor_not_set_up",
    });
    const bad = await failure(ada.client.users.security.twoFactor.confirm.mutate({ code: "12ab" }));
    expect(bad.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { code: [expect.any(String)] },
    });
  });

  it("can be turned off on this installation", async () => {
    const admin = await signInAdmin(api);
    await admin.client.admin.system.settings.update.mutate({
      featureFlags: { selfServiceTwoFactor: false },
    });
    try {
      const ada = await signUp(api);
      const error = await failure(ada.client.users.security.twoFactor.setup.mutate());
      expect(error.data).toMatchObject({ code: "FORBIDDEN", reason: "two_factor_unavailable" });
    } finally {
      await admin.client.admin.system.settings.update.mutate({
        featureFlags: { selfServiceTwoFactor: true },
      });
    }
  });
});

describe("signing in with two-factor on", () => {
  it("needs the code: login answers a challenge (no session), verifyTwoFactor completes it once", async () => {
    const ada = await withTwoFactor();
    const sessions = await liveSessions(ada.id);
    const first = await api
      .client()
      .auth.login.mutate({ email: ada.email, password: ada.password });
    expect(first).toEqual({
      status: "two_factor_required",
      challengeToken: expect.any(String),
      expiresIn: 300,
    });
    expect(first).not.toHaveProperty("accessToken");
    expect(await liveSessions(ada.id)).toBe(sessions);
    if (first.status !== "two_factor_required") throw new Error("unreachable");

    const code = await nextCode(ada);
    const done = await api
      .client()
      .auth.verifyTwoFactor.mutate({ challengeToken: first.challengeToken, code });
    expect(done).toMatchObject({
      status: "signed_in",
      user: { id: ada.id },
      passwordExpired: false,
    });
    expect((await api.client(done.accessToken).users.me.query()).user.id).toBe(ada.id);
    expect(await liveSessions(ada.id)).toBe(sessions + 1);

    const reuse = await failure(
      api.client().auth.verifyTwoFactor.mutate({ challengeToken: first.challengeToken, code }),
    );
    expect(reuse.data).toMatchObject({ code: "UNAUTHORIZED", reason: "challenge_used" });
  });

  it("accepts a TOTP code once: the code that confirmed the set-up or signed in fails the second time", async () => {
    const ada = await signUp(api);
    const { secret } = await ada.client.users.security.twoFactor.setup.mutate();
    const confirmed = await generate({ secret });
    await ada.client.users.security.twoFactor.confirm.mutate({ code: confirmed });
    const user = { ...ada, secret };

    const replayed = await failure(
      api
        .client()
        .auth.verifyTwoFactor.mutate({ challengeToken: await challenge(ada), code: confirmed }),
    );
    expect(replayed.data).toMatchObject({ code: "UNAUTHORIZED", reason: "invalid_code" });

    // The next code works, once, even when two sign-ins present it at the same moment.
    const code = await nextCode(user);
    const tokens = [await challenge(ada), await challenge(ada)];
    const sessions = await liveSessions(ada.id);
    const outcomes = await Promise.allSettled(
      tokens.map((challengeToken) =>
        api.client().auth.verifyTwoFactor.mutate({ challengeToken, code }),
      ),
    );
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await liveSessions(ada.id)).toBe(sessions + 1);
    const again = await failure(
      api.client().auth.verifyTwoFactor.mutate({ challengeToken: await challenge(ada), code }),
    );
    expect(again.data).toMatchObject({ code: "UNAUTHORIZED", reason: "invalid_code" });
    // Nor can a code already used turn two-factor off.
    const off = await failure(ada.client.users.security.twoFactor.disable.mutate({ code }));
    expect(off.data).toMatchObject({ code: "BAD_REQUEST", reason: "invalid_code" });
    expect((await account(ada.id))?.two_factor_enabled).toBe(true);
    await api.sql.query("UPDATE users SET failed_login_count = 0 WHERE id = $1", [ada.id]);
  });

  it("a backup code works once; the second time it fails", async () => {
    const ada = await withTwoFactor();
    const code = ada.backupCodes[0] ?? "";
    const done = await api.client().auth.verifyTwoFactor.mutate({
      challengeToken: await challenge(ada),
      code: code.toUpperCase(),
    });
    expect(done.status).toBe("signed_in");
    const again = await failure(
      api.client().auth.verifyTwoFactor.mutate({ challengeToken: await challenge(ada), code }),
    );
    expect(again.data).toMatchObject({ code: "UNAUTHORIZED", reason: "invalid_code" });
    const { rows } = await api.sql.query(
      "SELECT count(*)::int AS n FROM two_factor_backup_codes WHERE user_id = $1 AND used_at IS NOT NULL",
      [ada.id],
    );
    expect(rows).toEqual([{ n: 1 }]);
  });

  it("a wrong code counts towards the account lock-out; a right one clears the count", async () => {
    const ada = await withTwoFactor();
    const token = await challenge(ada);
    for (let i = 1; i <= 2; i += 1) {
      const error = await failure(
        api.client().auth.verifyTwoFactor.mutate({ challengeToken: token, code: "000000" }),
      );
      expect(error.data).toMatchObject({ code: "UNAUTHORIZED", reason: "invalid_code" });
      expect((await account(ada.id))?.failed_login_count).toBe(i);
    }
    // A wrong password and wrong codes share one counter: the sixth failure locks.
    await failure(api.client().auth.login.mutate({ email: ada.email, password: "wrong" }));
    await failure(
      api.client().auth.verifyTwoFactor.mutate({ challengeToken: token, code: "zzzzz-zzzzz" }),
    );
    await failure(
      api.client().auth.verifyTwoFactor.mutate({ challengeToken: token, code: "000000" }),
    );
    const sixth = await failure(
      api
        .client()
        .auth.verifyTwoFactor.mutate({ challengeToken: await challenge(ada), code: "000000" }),
    );
    expect(sixth.data).toMatchObject({ code: "TOO_MANY_REQUESTS", reason: "account_locked" });
    // Locked: neither the password nor a right code gets in.
    const locked = await failure(
      api.client().auth.login.mutate({ email: ada.email, password: ada.password }),
    );
    expect(locked.data).toMatchObject({ code: "TOO_MANY_REQUESTS", reason: "account_locked" });

    await api.sql.query("UPDATE users SET locked_until = NULL WHERE id = $1", [ada.id]);
    signedIn(
      await api.client().auth.verifyTwoFactor.mutate({
        challengeToken: await challenge(ada),
        code: await nextCode(ada),
      }),
    );
    expect((await account(ada.id))?.failed_login_count).toBe(0);
  });

  it("a challenge takes five wrong codes at most, then the sign-in must start again", async () => {
    const ada = await withTwoFactor();
    const token = await challenge(ada);
    for (let i = 0; i < 5; i += 1) {
      await failure(
        api.client().auth.verifyTwoFactor.mutate({ challengeToken: token, code: "000000" }),
      );
    }
    const exhausted = await failure(
      api
        .client()
        .auth.verifyTwoFactor.mutate({ challengeToken: token, code: await nextCode(ada) }),
    );
    expect(exhausted.data).toMatchObject({ code: "UNAUTHORIZED", reason: "challenge_exhausted" });
    await api.sql.query("UPDATE users SET failed_login_count = 0 WHERE id = $1", [ada.id]);
  });

  it("refuses expired, forged and foreign challenge tokens", async () => {
    const ada = await withTwoFactor();
    const code = await nextCode(ada);
    const token = await challenge(ada);
    await api.sql.query(
      "UPDATE login_challenges SET expires_at = now() - interval '1 second' WHERE user_id = $1",
      [ada.id],
    );
    const expired = await failure(
      api.client().auth.verifyTwoFactor.mutate({ challengeToken: token, code }),
    );
    expect(expired.data).toMatchObject({ code: "UNAUTHORIZED", reason: "challenge_expired" });

    const [header, payload, signature] = (await challenge(ada)).split(".");
    const forged = `${header}.${payload}.${signature?.slice(0, -2)}xx`;
    const bob = await signUp(api);
    for (const challengeToken of [forged, bob.accessToken, "x".repeat(30)]) {
      const error = await failure(
        api.client().auth.verifyTwoFactor.mutate({ challengeToken, code }),
      );
      expect(error.data).toMatchObject({ code: "UNAUTHORIZED", reason: "invalid_challenge" });
    }
  });

  it("is rate limited per address like sign-in", async () => {
    const limited = await startApi({ loginPerIp: 3 });
    try {
      for (let i = 0; i < 3; i += 1) {
        const error = await failure(
          limited
            .client()
            .auth.verifyTwoFactor.mutate({ challengeToken: "y".repeat(40), code: "000000" }),
        );
        expect(error.data?.code).toBe("UNAUTHORIZED");
      }
      const error = await failure(
        limited
          .client()
          .auth.verifyTwoFactor.mutate({ challengeToken: "y".repeat(40), code: "000000" }),
      );
      expect(error.data).toMatchObject({ code: "TOO_MANY_REQUESTS", reason: "rate_limited" });
    } finally {
      await limited.close();
    }
  });

  it("the web sign-in asks for the code, then accepts it", async () => {
    const ada = await withTwoFactor();
    const request = { headers: new Headers({ "user-agent": "test-browser" }) };
    const credentials = { email: ada.email, password: ada.password };
    expect(
      await webSignIn(credentials, request, { deps: api.deps, trustProxy: trustNoProxy }),
    ).toEqual({ ok: false, error: "TwoFactorRequired" });
    expect(
      await webSignIn({ ...credentials, code: "000000" }, request, {
        deps: api.deps,
        trustProxy: trustNoProxy,
      }),
    ).toEqual({
      ok: false,
      error: "CredentialsSignin",
    });
    const done = await webSignIn({ ...credentials, code: await nextCode(ada) }, request, {
      deps: api.deps,
      trustProxy: trustNoProxy,
    });
    expect(done).toMatchObject({ ok: true, userId: ada.id, email: ada.email });
  });
});

describe("turning two-factor off", () => {
  it("limits code and password guesses per account, like completing a sign-in", async () => {
    const limited = await startApi({ loginPerAccount: 3 });
    try {
      const ada = await withTwoFactor(limited); // the confirmation spends one attempt
      for (let i = 0; i < 2; i += 1) {
        const wrong = await failure(
          ada.client.users.security.twoFactor.disable.mutate({ code: "000000" }),
        );
        expect(wrong.data?.reason).toBe("invalid_code");
      }
      const limitedOut = await failure(
        ada.client.users.security.twoFactor.disable.mutate({ password: ada.password }),
      );
      expect(limitedOut.data).toMatchObject({ code: "TOO_MANY_REQUESTS", reason: "rate_limited" });
      const { rows } = await limited.sql.query(
        "SELECT two_factor_enabled FROM users WHERE id = $1",
        [ada.id],
      );
      expect(rows).toEqual([{ two_factor_enabled: true }]);
    } finally {
      await limited.close();
    }
  });

  it("needs a current code, a backup code or the password", async () => {
    const ada = await withTwoFactor();
    const wrongPassword = await failure(
      ada.client.users.security.twoFactor.disable.mutate({ password: "nope" }),
    );
    expect(wrongPassword.data).toMatchObject({ code: "BAD_REQUEST", reason: "wrong_password" });
    const wrongCode = await failure(
      ada.client.users.security.twoFactor.disable.mutate({ code: "000000" }),
    );
    expect(wrongCode.data).toMatchObject({ code: "BAD_REQUEST", reason: "invalid_code" });
    const nothing = await failure(ada.client.users.security.twoFactor.disable.mutate({}));
    expect(nothing.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { code: [expect.any(String)] },
    });
    expect((await account(ada.id))?.two_factor_enabled).toBe(true);

    await ada.client.users.security.twoFactor.disable.mutate({ code: await nextCode(ada) });
    expect(await account(ada.id)).toMatchObject({
      two_factor_enabled: false,
      two_factor_secret: null,
    });
    const { rows } = await api.sql.query(
      "SELECT 1 FROM two_factor_backup_codes WHERE user_id = $1",
      [ada.id],
    );
    expect(rows).toEqual([]);
    signedIn(await api.client().auth.login.mutate({ email: ada.email, password: ada.password }));
    const off = await failure(
      ada.client.users.security.twoFactor.disable.mutate({ password: ada.password }),
    );
    expect(off.data).toMatchObject({ code: "PRECONDITION_FAILED", reason: "two_factor_disabled" });
  });

  it("with the password", async () => {
    const ada = await withTwoFactor();
    await ada.client.users.security.twoFactor.disable.mutate({ password: ada.password });
    expect((await account(ada.id))?.two_factor_enabled).toBe(false);
  });

  it("records each step in the trail, never the secret", async () => {
    const ada = await withTwoFactor();
    await ada.client.users.security.twoFactor.disable.mutate({ password: ada.password });
    const { rows } = await api.sql.query<{ action: string; changes: unknown }>(
      "SELECT action, changes FROM activities WHERE actor_id = $1 AND action LIKE 'user.two_factor%' ORDER BY created_at",
      [ada.id],
    );
    expect(rows.map((row) => row.action)).toEqual([
      "user.two_factor_setup",
      "user.two_factor_enable",
      "user.two_factor_disable",
    ]);
    expect(JSON.stringify(rows)).not.toContain(ada.secret);
    for (const code of ada.backupCodes) expect(JSON.stringify(rows)).not.toContain(code);
  });
});
