import { randomUUID } from "node:crypto";

import { errors, SignJWT } from "jose";
import { z } from "zod";

import { MAX_CLOCK_SKEW_SECONDS, type AuthEnv, type JwtKey } from "./env";
import { signingKey, verifyWithKeySet } from "./jwt-keys";
import { type KeyList } from "./key-list";
import { VerifiedTokenCache, type VerifiedClaims } from "./verified-tokens";

/** What signing and verifying access tokens needs; build it with accessTokenConfig. */
/** Read-only: tokens verified under a configuration are remembered with it. */
export interface AccessTokenConfig {
  /** The first signs, every one verifies (AUTH_JWT_SECRETS). */
  readonly keys: KeyList<JwtKey>;
  readonly issuer: string;
  readonly audience: string;
  readonly ttlSeconds: number;
  readonly clockSkewSeconds: number;
}

export interface AccessTokenSubject {
  userId: string;
  sessionId: string;
}

export interface SignedAccessToken {
  token: string;
  /** Lifetime in seconds, as OAuth's `expires_in`. */
  expiresIn: number;
  expiresAt: Date;
}

export interface VerifiedAccessToken {
  userId: string;
  sessionId: string;
  expiresAt: Date;
}

export type InvalidAccessTokenReason = "expired" | "invalid";

/**
 * The only error verifyAccessToken throws. It says whether the token expired
 * (the client should refresh) or is unusable, and nothing more: the underlying
 * library error is deliberately not attached.
 */
export class InvalidAccessTokenError extends Error {
  readonly reason: InvalidAccessTokenReason;

  constructor(reason: InvalidAccessTokenReason) {
    super(reason === "expired" ? "access token expired" : "access token invalid");
    this.name = "InvalidAccessTokenError";
    this.reason = reason;
  }
}

const ALGORITHM = "HS256";
/** RFC 9068 media type: keeps other JWTs signed with the same key from passing as access tokens. */
const TOKEN_TYPE = "at+jwt";

const subjectSchema = z.object({ userId: z.uuid(), sessionId: z.uuid() });

const payloadSchema = z.object({
  sub: z.uuid(),
  sid: z.uuid(),
  exp: z.number().int(),
  iat: z.number().int(),
  jti: z.string().min(1),
  nbf: z.number().optional(),
});

/**
 * One cache per configuration object: a token verified under one issuer or
 * key set says nothing under another. A configuration never changes while
 * a process runs (it is read from the environment at start), so removing
 * a key, which takes a restart, also empties the cache.
 */
const verifiedTokens = new WeakMap<AccessTokenConfig, VerifiedTokenCache>();

function verifiedTokensOf(config: AccessTokenConfig): VerifiedTokenCache {
  let cache = verifiedTokens.get(config);
  if (!cache) {
    cache = new VerifiedTokenCache();
    verifiedTokens.set(config, cache);
  }
  return cache;
}

function verifiedToken(claims: VerifiedClaims): VerifiedAccessToken {
  return {
    userId: claims.userId,
    sessionId: claims.sessionId,
    expiresAt: new Date(claims.expiresAtSeconds * 1000),
  };
}

export function accessTokenConfig(
  env: Pick<
    AuthEnv,
    | "jwtKeys"
    | "AUTH_JWT_ISSUER"
    | "AUTH_JWT_AUDIENCE"
    | "AUTH_ACCESS_TOKEN_TTL_SECONDS"
    | "AUTH_CLOCK_SKEW_SECONDS"
  >,
): AccessTokenConfig {
  return {
    keys: env.jwtKeys,
    issuer: env.AUTH_JWT_ISSUER,
    audience: env.AUTH_JWT_AUDIENCE,
    ttlSeconds: env.AUTH_ACCESS_TOKEN_TTL_SECONDS,
    clockSkewSeconds: env.AUTH_CLOCK_SKEW_SECONDS,
  };
}

/** Issues a short-lived HS256 access token for one session of one user. */
export async function signAccessToken(
  subject: AccessTokenSubject,
  config: AccessTokenConfig,
  now: Date = new Date(),
): Promise<SignedAccessToken> {
  const { userId, sessionId } = subjectSchema.parse(subject);
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAtSeconds = issuedAt + config.ttlSeconds;
  const signing = await signingKey(config.keys);
  const token = await new SignJWT({ sid: sessionId })
    .setProtectedHeader({ alg: ALGORITHM, typ: TOKEN_TYPE, kid: signing.kid })
    .setSubject(userId)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAtSeconds)
    .setJti(randomUUID())
    .sign(signing.key);
  return { token, expiresIn: config.ttlSeconds, expiresAt: new Date(expiresAtSeconds * 1000) };
}

/**
 * Checks signature (HS256 only, under the key of the set its `kid` names),
 * type, issuer, audience and expiry (with at most MAX_CLOCK_SKEW_SECONDS
 * of tolerance). Throws InvalidAccessTokenError on any failure. A token
 * that passed is remembered with its configuration and answered from
 * memory until it expires (see VerifiedTokenCache).
 */
export async function verifyAccessToken(
  token: string,
  config: AccessTokenConfig,
  now: Date = new Date(),
): Promise<VerifiedAccessToken> {
  const clockTolerance = Math.min(Math.max(config.clockSkewSeconds, 0), MAX_CLOCK_SKEW_SECONDS);
  const cache = verifiedTokensOf(config);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const known = cache.get(token, nowSeconds, clockTolerance);
  if (known) return verifiedToken(known);
  let payload: unknown;
  try {
    payload = await verifyWithKeySet(token, config.keys, {
      algorithms: [ALGORITHM],
      typ: TOKEN_TYPE,
      issuer: config.issuer,
      audience: config.audience,
      clockTolerance,
      currentDate: now,
      requiredClaims: ["exp", "iat", "sub", "jti"],
    });
  } catch (error) {
    throw new InvalidAccessTokenError(error instanceof errors.JWTExpired ? "expired" : "invalid");
  }
  const claims = payloadSchema.safeParse(payload);
  if (!claims.success) throw new InvalidAccessTokenError("invalid");
  const verified = {
    userId: claims.data.sub,
    sessionId: claims.data.sid,
    expiresAtSeconds: claims.data.exp,
  };
  // A not-before claim makes the verdict depend on time in a second way; we issue none, so such a token is simply not remembered.
  if (claims.data.nbf === undefined) cache.set(token, verified);
  return verifiedToken(verified);
}
