import { randomBytes } from "node:crypto";

import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { accessTokenConfig, derivedKeyId, readAuthEnv } from "@fastnext/auth";
import { CursorSigner } from "@fastnext/core";
import { createPrismaClient } from "@fastnext/db";
import { reencryptSecrets } from "@fastnext/db/admin";
import { failure, signedIn, signUp, startApi, type TestApi } from "@fastnext/test-support";

/*
 * Keys rotated the way an operator rotates them: each step is the
 * environment a restarted process reads. The router reads its
 * dependencies per request, so swapping them for the ones a process
 * started with the new environment builds is that restart, minus the
 * process (and with it every in-memory cache keyed by the old ones).
 */

const OLD_SECRET = randomBytes(32).toString("base64url");
const NEW_SECRET = randomBytes(32).toString("base64url");
const OLD_KEY = randomBytes(32).toString("base64");
const NEW_KEY = randomBytes(32).toString("base64");
/** The id a key configured on its own (AUTH_JWT_SECRET, AUTH_ENCRYPTION_KEY) is known by. */
const OLD_SECRET_ID = derivedKeyId(OLD_SECRET);
const OLD_KEY_ID = derivedKeyId(OLD_KEY);

/** What a deployment had before rotation: the single-key variables. */
const BEFORE = { AUTH_JWT_SECRET: OLD_SECRET, AUTH_ENCRYPTION_KEY: OLD_KEY };

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ authEnv: BEFORE });
});
afterAll(async () => {
  await api.close();
});

function restartWith(source: Record<string, string>): void {
  const auth = readAuthEnv(source);
  api.deps.tokens = accessTokenConfig(auth);
  api.deps.encryptionKeys = auth.encryptionKeys;
  api.deps.cursors = CursorSigner.fromKeyRing(auth.encryptionKeys);
}

/** The `kid` of a token's (JSON, base64url) protected header. */
function kidOf(token: string): unknown {
  const header = JSON.parse(
    Buffer.from(token.split(".")[0] ?? "", "base64url").toString("utf8"),
  ) as {
    kid?: unknown;
  };
  return header.kid;
}

describe("rotating the token signing key", () => {
  it("keeps old tokens working while the old key is listed, refuses them once it is removed, and signs no one out", async () => {
    restartWith(BEFORE);
    const ada = await signUp(api);
    const credentials = { email: ada.email, password: ada.password };
    expect(kidOf(ada.accessToken)).toBe(OLD_SECRET_ID);

    // Step 1: the new key listed after the old one (every instance learns it before any signs with it).
    restartWith({
      AUTH_ENCRYPTION_KEY: OLD_KEY,
      AUTH_JWT_SECRETS: `${OLD_SECRET_ID}:${OLD_SECRET},new:${NEW_SECRET}`,
    });
    expect((await ada.client.users.me.query()).user.id).toBe(ada.id);
    expect(kidOf(signedIn(await api.client().auth.login.mutate(credentials)).accessToken)).toBe(
      OLD_SECRET_ID,
    );

    // Step 2: the new key first: it signs, the old one still verifies.
    restartWith({
      AUTH_ENCRYPTION_KEY: OLD_KEY,
      AUTH_JWT_SECRETS: `new:${NEW_SECRET},${OLD_SECRET_ID}:${OLD_SECRET}`,
    });
    expect((await ada.client.users.me.query()).user.id).toBe(ada.id);
    const fresh = signedIn(await api.client().auth.login.mutate(credentials));
    expect(kidOf(fresh.accessToken)).toBe("new");
    expect((await api.client(fresh.accessToken).users.me.query()).user.id).toBe(ada.id);

    // Step 3: the old key removed: its tokens are refused, even one verified a moment ago.
    restartWith({ AUTH_ENCRYPTION_KEY: OLD_KEY, AUTH_JWT_SECRETS: `new:${NEW_SECRET}` });
    const refused = await failure(ada.client.users.me.query());
    expect(refused.data?.code).toBe("UNAUTHORIZED");
    expect((await api.client(fresh.accessToken).users.me.query()).user.id).toBe(ada.id);
    // The session outlives the key: its refresh token gets a token under the new key.
    const refreshed = await api.client().auth.refresh.mutate({ refreshToken: ada.refreshToken });
    expect(kidOf(refreshed.accessToken)).toBe("new");
    expect((await api.client(refreshed.accessToken).users.me.query()).user.id).toBe(ada.id);
  });
});

const STEP_SECONDS = 30;

/**
 * A current code for the user. Each code is accepted once per step, so
 * the test forgets the last accepted step first: it signs in more often
 * than a 30-second step allows, and replay protection is not what it is about.
 */
async function currentCode(userId: string, secret: string): Promise<string> {
  await api.sql.query("UPDATE users SET two_factor_last_step = NULL WHERE id = $1", [userId]);
  return generate({ secret, epoch: Math.floor(Date.now() / 1000 / STEP_SECONDS) * STEP_SECONDS });
}

async function twoFactorSignIn(user: { email: string; password: string }, code: string) {
  const login = await api.client().auth.login.mutate(user);
  if (login.status !== "two_factor_required") throw new Error("expected a two-factor challenge");
  return api.client().auth.verifyTwoFactor.mutate({ challengeToken: login.challengeToken, code });
}

async function sealedSeed(userId: string): Promise<string | null> {
  const { rows } = await api.sql.query<{ two_factor_secret: string | null }>(
    "SELECT two_factor_secret FROM users WHERE id = $1",
    [userId],
  );
  return rows[0]?.two_factor_secret ?? null;
}

describe("rotating the encryption key", () => {
  it("re-encrypts two-factor seeds under the new key, and two-factor sign-in works before, during and after", async () => {
    const jwt = { AUTH_JWT_SECRET: OLD_SECRET };
    restartWith(BEFORE);
    const ada = await signUp(api);
    const { secret } = await ada.client.users.security.twoFactor.setup.mutate();
    const { backupCodes } = await ada.client.users.security.twoFactor.confirm.mutate({
      code: await currentCode(ada.id, secret),
    });
    expect(await sealedSeed(ada.id)).toMatch(new RegExp(`^v2\\.${OLD_KEY_ID}\\.`));

    // The new key first, the old one still in the ring: the seed sealed under the old key opens.
    const ring = `new:${NEW_KEY},${OLD_KEY_ID}:${OLD_KEY}`;
    restartWith({ ...jwt, AUTH_ENCRYPTION_KEYS: ring });
    expect((await twoFactorSignIn(ada, await currentCode(ada.id, secret))).status).toBe(
      "signed_in",
    );
    expect((await twoFactorSignIn(ada, backupCodes[0]!)).status).toBe("signed_in");

    const system = createPrismaClient({ connectionString: api.db.systemUrl, max: 1 });
    try {
      const report = await reencryptSecrets(system, { keys: api.deps.encryptionKeys });
      expect(report).toMatchObject({ failures: [], remaining: 0, complete: true });
      expect(report.reencrypted).toBeGreaterThanOrEqual(1);
      // Ada's nine unused backup codes still depend on the old key; the report says so.
      expect(report.backupCodesUnderOlderKeys).toContainEqual({
        kid: OLD_KEY_ID,
        codes: 9,
        users: 1,
      });
    } finally {
      await system.$disconnect();
    }
    expect(await sealedSeed(ada.id)).toMatch(/^v2\.new\./);

    // The old key removed: the re-encrypted seed still opens; backup codes digested under it no longer match.
    restartWith({ ...jwt, AUTH_ENCRYPTION_KEYS: `new:${NEW_KEY}` });
    expect((await twoFactorSignIn(ada, await currentCode(ada.id, secret))).status).toBe(
      "signed_in",
    );
    const voided = await failure(twoFactorSignIn(ada, backupCodes[1]!));
    expect(voided.data).toMatchObject({ code: "UNAUTHORIZED" });
  });
});
