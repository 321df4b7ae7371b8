import { SignJWT } from "jose";
import { z } from "zod";

import { type AccessTokenConfig } from "./access-token";
import { MAX_CLOCK_SKEW_SECONDS } from "./env";
import { signingKey, verifyWithKeySet } from "./jwt-keys";

/**
 * The token a client holds between "password accepted" and "second factor
 * accepted". It names the pending challenge and its user, so the server can
 * open a transaction scoped to that user before reading anything. Signed
 * with the access-token key set (so it rotates with it) but with its own
 * media type: an access token never passes as a challenge token, nor the
 * other way round.
 */
const ALGORITHM = "HS256";
const TOKEN_TYPE = "fastnext-2fa-challenge+jwt";

export interface ChallengeSubject {
  userId: string;
  challengeId: string;
}

export class InvalidChallengeTokenError extends Error {
  constructor() {
    super("challenge token invalid or expired");
    this.name = "InvalidChallengeTokenError";
  }
}

const payloadSchema = z.object({ sub: z.uuid(), jti: z.uuid(), exp: z.number().int() });

export async function signChallengeToken(
  subject: ChallengeSubject,
  config: AccessTokenConfig,
  expiresAt: Date,
): Promise<string> {
  const signing = await signingKey(config.keys);
  return new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM, typ: TOKEN_TYPE, kid: signing.kid })
    .setSubject(z.uuid().parse(subject.userId))
    .setJti(z.uuid().parse(subject.challengeId))
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(signing.key);
}

/** Checks signature, type, issuer, audience and expiry; throws InvalidChallengeTokenError otherwise. */
export async function verifyChallengeToken(
  token: string,
  config: AccessTokenConfig,
  now: Date = new Date(),
): Promise<ChallengeSubject> {
  let payload: unknown;
  try {
    payload = await verifyWithKeySet(token, config.keys, {
      algorithms: [ALGORITHM],
      typ: TOKEN_TYPE,
      issuer: config.issuer,
      audience: config.audience,
      clockTolerance: Math.min(Math.max(config.clockSkewSeconds, 0), MAX_CLOCK_SKEW_SECONDS),
      currentDate: now,
      requiredClaims: ["exp", "sub", "jti"],
    });
  } catch {
    throw new InvalidChallengeTokenError();
  }
  const claims = payloadSchema.safeParse(payload);
  if (!claims.success) throw new InvalidChallengeTokenError();
  return { userId: claims.data.sub, challengeId: claims.data.jti };
}
