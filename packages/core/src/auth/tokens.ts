import { randomUUID } from "node:crypto";

import { generateOpaqueToken, hashOpaqueToken, signAccessToken } from "@fastnext/auth";
import { type ScopedDb } from "@fastnext/db";

import { type CoreDeps } from "../deps";
import { type ClientMeta } from "./client-meta";

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

const DAY_MS = 86_400_000;

/** Starts a device session for a user whose identity was just proven. */
export async function openSession(
  tx: ScopedDb,
  deps: CoreDeps,
  userId: string,
  meta: ClientMeta,
  deviceLabel: string,
): Promise<TokenPair & { sessionId: string }> {
  const sessionId = randomUUID();
  const expiresAt = new Date(Date.now() + deps.refreshTokenTtlDays * DAY_MS);
  await tx.session.create({
    data: { id: sessionId, userId, deviceLabel, userAgent: meta.userAgent, ip: meta.ip, expiresAt },
  });
  const refreshToken = await addRefreshToken(tx, userId, sessionId, expiresAt);
  const access = await signAccessToken({ userId, sessionId }, deps.tokens);
  return { sessionId, refreshToken, accessToken: access.token, expiresIn: access.expiresIn };
}

/** A new refresh token in a session; only its hash is stored. */
export async function addRefreshToken(
  tx: ScopedDb,
  userId: string,
  sessionId: string,
  expiresAt: Date,
): Promise<string> {
  const token = generateOpaqueToken();
  await tx.refreshToken.create({
    data: { userId, sessionId, tokenHash: hashOpaqueToken(token), expiresAt },
  });
  return token;
}
