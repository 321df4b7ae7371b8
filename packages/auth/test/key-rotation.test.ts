import { randomUUID } from "node:crypto";

import { decodeProtectedHeader, SignJWT } from "jose";
import { describe, expect, it } from "vitest";

import {
  InvalidAccessTokenError,
  InvalidChallengeTokenError,
  signAccessToken,
  signChallengeToken,
  verifyAccessToken,
  verifyChallengeToken,
  type AccessTokenConfig,
  type JwtKey,
} from "../src";

const OLD: JwtKey = { kid: "old", secret: "old-secret-that-is-at-least-32-characters" };
const NEW: JwtKey = { kid: "new", secret: "new-secret-that-is-at-least-32-characters" };

/** The configuration a process started with this key set would build. */
function configWith(...keys: [JwtKey, ...JwtKey[]]): AccessTokenConfig {
  return {
    keys,
    issuer: "fastnext",
    audience: "fastnext-api",
    ttlSeconds: 900,
    clockSkewSeconds: 30,
  };
}

const subject = { userId: randomUUID(), sessionId: randomUUID() };

describe("access tokens across a key rotation", () => {
  it("name the signing key, keep verifying while their key is listed, and stop once it is removed", async () => {
    const before = configWith(OLD);
    const during = configWith(NEW, OLD);
    const after = configWith(NEW);

    const { token: oldToken } = await signAccessToken(subject, before);
    expect(decodeProtectedHeader(oldToken)).toMatchObject({
      alg: "HS256",
      typ: "at+jwt",
      kid: "old",
    });
    await expect(verifyAccessToken(oldToken, before)).resolves.toMatchObject(subject);

    const { token: newToken } = await signAccessToken(subject, during);
    expect(decodeProtectedHeader(newToken).kid).toBe("new");
    await expect(verifyAccessToken(oldToken, during)).resolves.toMatchObject(subject);
    await expect(verifyAccessToken(newToken, during)).resolves.toMatchObject(subject);

    // Verified (and remembered) under `during` a moment ago: refused all the same under `after`.
    await expect(verifyAccessToken(oldToken, after)).rejects.toThrow(InvalidAccessTokenError);
    await expect(verifyAccessToken(newToken, after)).resolves.toMatchObject(subject);
  });

  it("refuses a token naming a key the set does not hold, even if another key signed it", async () => {
    const { token } = await signAccessToken(subject, configWith({ ...NEW, kid: "elsewhere" }));
    await expect(verifyAccessToken(token, configWith(NEW, OLD))).rejects.toThrow(
      InvalidAccessTokenError,
    );
  });

  it("checks a token without a key id (issued before key ids) against every key of the set", async () => {
    const now = Math.floor(Date.now() / 1000);
    const legacy = await new SignJWT({ sid: subject.sessionId })
      .setProtectedHeader({ alg: "HS256", typ: "at+jwt" })
      .setSubject(subject.userId)
      .setIssuer("fastnext")
      .setAudience("fastnext-api")
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .setJti(randomUUID())
      .sign(new TextEncoder().encode(OLD.secret));
    await expect(verifyAccessToken(legacy, configWith(NEW, OLD))).resolves.toMatchObject(subject);
    const refused = await verifyAccessToken(legacy, configWith(NEW)).catch((e: unknown) => e);
    expect(refused).toMatchObject({ reason: "invalid" });
  });

  it("still reports an expired token under an older key as expired, not invalid", async () => {
    const past = new Date(Date.now() - 3600_000);
    const { token } = await signAccessToken(subject, configWith(OLD), past);
    const error = await verifyAccessToken(token, configWith(NEW, OLD)).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: "expired" });
  });
});

describe("two-factor challenge tokens across a key rotation", () => {
  it("rotate with the access-token key set", async () => {
    const challenge = { userId: randomUUID(), challengeId: randomUUID() };
    const expiresAt = new Date(Date.now() + 300_000);
    const token = await signChallengeToken(challenge, configWith(OLD), expiresAt);
    expect(decodeProtectedHeader(token).kid).toBe("old");
    await expect(verifyChallengeToken(token, configWith(NEW, OLD))).resolves.toEqual(challenge);
    await expect(verifyChallengeToken(token, configWith(NEW))).rejects.toThrow(
      InvalidChallengeTokenError,
    );
    const fresh = await signChallengeToken(challenge, configWith(NEW, OLD), expiresAt);
    expect(decodeProtectedHeader(fresh).kid).toBe("new");
    await expect(verifyChallengeToken(fresh, configWith(NEW))).resolves.toEqual(challenge);
  });
});
