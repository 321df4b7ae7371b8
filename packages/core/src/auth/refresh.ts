import { hashOpaqueToken, signAccessToken } from "@fastnext/auth";
import { withScope } from "@fastnext/db";

import { type CoreDeps } from "../deps";
import { AppError } from "../errors";
import { recordActivity } from "../activity";
import { telemetryOf } from "../telemetry";
import { type ClientMeta } from "./client-meta";
import { findRefreshToken } from "./lookup";
import { spend } from "./rate-limit";
import { addRefreshToken, type TokenPair } from "./tokens";

function refused(reason: string): AppError {
  return new AppError("UNAUTHENTICATED", "The refresh token is not valid", { reason });
}

/**
 * Ends a session for good; commits on its own so the caller's error cannot
 * undo it. Recorded in the trail as the user's (`auth.logout` when they
 * asked for it) only when it really ended a session.
 */
export async function revokeSession(
  deps: CoreDeps,
  userId: string,
  sessionId: string,
  reason: string,
  meta: ClientMeta,
): Promise<void> {
  await withScope(deps.pool, { userId, permissions: [], requestId: meta.requestId }, async (tx) => {
    const ended = await tx.session.updateMany({
      where: { id: sessionId, userId, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: reason },
    });
    if (ended.count === 0) return;
    await recordActivity(
      tx,
      { userId, ...meta },
      {
        action: reason === "logout" ? "auth.logout" : "session.revoke",
        entityType: "session",
        entityId: sessionId,
        after: { revokedReason: reason },
      },
    );
  });
}

/**
 * Rotates a refresh token: the presented one is spent and a new one is
 * issued in the same session. A token presented a second time means it was
 * copied, so the whole session (the token family) is revoked.
 */
export async function refresh(
  deps: CoreDeps,
  refreshToken: string,
  meta: ClientMeta,
): Promise<TokenPair> {
  await spend(
    deps.limiters.refreshPerIp,
    meta.ip ?? "unknown",
    "token refreshes from this address",
  );
  const record = await findRefreshToken(deps.pool, hashOpaqueToken(refreshToken));
  if (!record) throw refused("unknown_token");
  if (record.session_revoked_at) throw refused("session_revoked");
  const now = new Date();
  if (record.expires_at <= now || record.session_expires_at <= now) throw refused("expired");
  if (record.used_at) {
    telemetryOf(deps).refreshTokenReuse();
    await revokeSession(deps, record.user_id, record.session_id, "refresh_token_reuse", meta);
    throw refused("refresh_token_reused");
  }

  const scope = { userId: record.user_id, permissions: [], requestId: meta.requestId };
  const outcome = await withScope(deps.pool, scope, async (tx) => {
    // Conditional update: of two concurrent rotations of one token, one wins.
    const spent = await tx.refreshToken.updateMany({
      where: { id: record.token_id, usedAt: null },
      data: { usedAt: now },
    });
    if (spent.count === 0) return { ok: false as const };
    const user = await tx.user.findUnique({
      where: { id: record.user_id },
      select: { isActive: true },
    });
    if (!user?.isActive) return { ok: false as const, inactive: true };
    await tx.session.update({ where: { id: record.session_id }, data: { lastUsedAt: now } });
    const token = await addRefreshToken(
      tx,
      record.user_id,
      record.session_id,
      record.session_expires_at,
    );
    await recordActivity(
      tx,
      { userId: record.user_id, ...meta },
      {
        action: "session.refresh",
        entityType: "session",
        entityId: record.session_id,
      },
    );
    return { ok: true as const, token };
  });
  if (!outcome.ok) {
    if ("inactive" in outcome) throw refused("account_inactive");
    telemetryOf(deps).refreshTokenReuse();
    await revokeSession(deps, record.user_id, record.session_id, "refresh_token_reuse", meta);
    throw refused("refresh_token_reused");
  }
  const access = await signAccessToken(
    { userId: record.user_id, sessionId: record.session_id },
    deps.tokens,
  );
  return { accessToken: access.token, refreshToken: outcome.token, expiresIn: access.expiresIn };
}

/** Ends the session a refresh token belongs to. Unknown tokens are ignored. */
export async function logout(
  deps: CoreDeps,
  refreshToken: string,
  meta: ClientMeta,
): Promise<void> {
  const record = await findRefreshToken(deps.pool, hashOpaqueToken(refreshToken));
  if (record && !record.session_revoked_at) {
    await revokeSession(deps, record.user_id, record.session_id, "logout", meta);
  }
}
