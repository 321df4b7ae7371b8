import { randomUUID } from "node:crypto";

import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";

import {
  InvalidAccessTokenError,
  signAccessToken,
  verifyAccessToken,
  type AccessTokenConfig,
  type InvalidAccessTokenReason,
} from "../src";

const SECRET = "test-secret-that-is-at-least-32-characters-long";
const config: AccessTokenConfig = {
  keys: [{ kid: "test", secret: SECRET }],
  issuer: "fastnext",
  audience: "fastnext-api",
  ttlSeconds: 900,
  clockSkewSeconds: 30,
};
const subject = { userId: randomUUID(), sessionId: randomUUID() };

async function rejection(promise: Promise<unknown>): Promise<InvalidAccessTokenReason> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidAccessTokenError);
  const typed = error as InvalidAccessTokenError;
  // Nothing from the token library leaks through.
  expect(typed.cause).toBeUndefined();
  expect(typed.message).toMatch(/^access token (expired|invalid)$/);
  return typed.reason;
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** The token with its payload's subject replaced, header and signature kept. */
function withOtherSubject(token: string): string {
  const [header, payload, signature] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload!, "base64url").toString()) as Record<
    string,
    unknown
  >;
  return `${header!}.${base64url({ ...claims, sub: randomUUID() })}.${signature!}`;
}

/** Signs arbitrary claims with the test secret, bypassing signAccessToken's checks. */
async function forge(claims: Record<string, unknown>, secret = SECRET): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sid: subject.sessionId, ...claims })
    .setProtectedHeader({ alg: "HS256", typ: "at+jwt", kid: "test" })
    .setSubject(typeof claims.sub === "string" ? claims.sub : subject.userId)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(secret));
}

describe("access tokens", () => {
  it("round-trips user and session through sign and verify", async () => {
    const now = new Date();
    const signed = await signAccessToken(subject, config, now);
    expect(signed.expiresIn).toBe(900);
    expect(signed.expiresAt.getTime()).toBe(Math.floor(now.getTime() / 1000) * 1000 + 900_000);

    const verified = await verifyAccessToken(signed.token, config);
    expect(verified).toEqual({ ...subject, expiresAt: signed.expiresAt });
  });

  it("gives every token a distinct jti", async () => {
    const now = new Date();
    const a = await signAccessToken(subject, config, now);
    const b = await signAccessToken(subject, config, now);
    expect(a.token).not.toBe(b.token);
  });

  it("reports an expired token as expired", async () => {
    const past = new Date(Date.now() - (config.ttlSeconds + 3600) * 1000);
    const { token } = await signAccessToken(subject, config, past);
    expect(await rejection(verifyAccessToken(token, config))).toBe("expired");
  });

  it("accepts a token expired by less than the clock skew, and not beyond it", async () => {
    const justExpired = new Date(Date.now() - (config.ttlSeconds + 10) * 1000);
    const { token } = await signAccessToken(subject, config, justExpired);
    await expect(verifyAccessToken(token, config)).resolves.toMatchObject(subject);
    expect(await rejection(verifyAccessToken(token, { ...config, clockSkewSeconds: 0 }))).toBe(
      "expired",
    );
  });

  it("caps clock skew at 120 seconds whatever the config says", async () => {
    const longExpired = new Date(Date.now() - (config.ttlSeconds + 600) * 1000);
    const { token } = await signAccessToken(subject, config, longExpired);
    expect(await rejection(verifyAccessToken(token, { ...config, clockSkewSeconds: 3600 }))).toBe(
      "expired",
    );
  });

  it("rejects a token signed with another secret", async () => {
    const { token } = await signAccessToken(subject, {
      ...config,
      keys: [{ kid: "test", secret: "another-secret-also-32-characters-or-more" }],
    });
    expect(await rejection(verifyAccessToken(token, config))).toBe("invalid");
  });

  it("rejects a wrong issuer or audience", async () => {
    const otherIssuer = await signAccessToken(subject, { ...config, issuer: "someone-else" });
    expect(await rejection(verifyAccessToken(otherIssuer.token, config))).toBe("invalid");
    const otherAudience = await signAccessToken(subject, { ...config, audience: "another-api" });
    expect(await rejection(verifyAccessToken(otherAudience.token, config))).toBe("invalid");
  });

  it('rejects an unsigned alg "none" token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url({ alg: "none", typ: "at+jwt" });
    const payload = base64url({
      sub: subject.userId,
      sid: subject.sessionId,
      iss: config.issuer,
      aud: config.audience,
      iat: now,
      exp: now + 60,
      jti: randomUUID(),
    });
    expect(await rejection(verifyAccessToken(`${header}.${payload}.`, config))).toBe("invalid");
  });

  it("rejects a token whose payload was altered after signing", async () => {
    const { token } = await signAccessToken(subject, config);
    expect(await rejection(verifyAccessToken(withOtherSubject(token), config))).toBe("invalid");
  });

  it("rejects a correctly signed token whose sub or sid is not a UUID", async () => {
    expect(await rejection(verifyAccessToken(await forge({ sub: "admin" }), config))).toBe(
      "invalid",
    );
    expect(await rejection(verifyAccessToken(await forge({ sid: 42 }), config))).toBe("invalid");
    // The forging helper itself produces acceptable tokens.
    await expect(verifyAccessToken(await forge({}), config)).resolves.toMatchObject(subject);
  });

  it("rejects garbage", async () => {
    expect(await rejection(verifyAccessToken("not-a-jwt", config))).toBe("invalid");
    expect(await rejection(verifyAccessToken("", config))).toBe("invalid");
  });

  it("refuses to sign for a subject that is not a UUID", async () => {
    await expect(
      signAccessToken({ userId: "admin", sessionId: subject.sessionId }, config),
    ).rejects.toThrow();
  });
});

describe("access tokens verified before", () => {
  it("are answered again, and refused as expired once their expiry passes", async () => {
    const issued = new Date();
    const { token, expiresAt } = await signAccessToken(subject, config, issued);
    await expect(verifyAccessToken(token, config, issued)).resolves.toMatchObject(subject);
    const again = await verifyAccessToken(token, config, issued);
    expect(again).toEqual({ ...subject, expiresAt });
    // Within the clock tolerance after expiry: still accepted, as on first verification.
    const justAfter = new Date(expiresAt.getTime() + 10_000);
    await expect(verifyAccessToken(token, config, justAfter)).resolves.toMatchObject(subject);
    const past = new Date(expiresAt.getTime() + (config.clockSkewSeconds + 1) * 1000);
    expect(await rejection(verifyAccessToken(token, config, past))).toBe("expired");
  });

  it("are not accepted under another configuration", async () => {
    const { token } = await signAccessToken(subject, config);
    await expect(verifyAccessToken(token, config)).resolves.toMatchObject(subject);
    expect(await rejection(verifyAccessToken(token, { ...config, issuer: "someone-else" }))).toBe(
      "invalid",
    );
    expect(
      await rejection(
        verifyAccessToken(token, {
          ...config,
          keys: [{ kid: "test", secret: "another-secret-of-at-least-32-characters" }],
        }),
      ),
    ).toBe("invalid");
  });

  it("do not make an altered copy pass", async () => {
    const { token } = await signAccessToken(subject, config);
    await expect(verifyAccessToken(token, config)).resolves.toMatchObject(subject);
    expect(await rejection(verifyAccessToken(withOtherSubject(token), config))).toBe("invalid");
  });
});
