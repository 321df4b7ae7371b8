import { setTimeout as sleep } from "node:timers/promises";

import { hashOpaqueToken } from "@fastnext/auth";
import { withScope, type PrismaClient } from "@fastnext/db";
import { emitEvent } from "@fastnext/events";
import { createRateLimiter, type RateLimiter } from "@fastnext/rate-limit";

import { type CoreDeps } from "../deps";
import { AppError } from "../errors";
import { recordActivity } from "../activity";
import { type ClientMeta } from "./client-meta";
import { findLoginCandidate } from "./lookup";
import { setPassword } from "./password-policy";
import { spend } from "./rate-limit";

/** How long a reset link works. */
export const RESET_TTL_MINUTES = 30;

/**
 * Every request answers after at least this long, whether the address
 * exists or not, so the time taken does not tell which (the database work
 * for a real account takes a few milliseconds).
 */
export const RESET_REQUEST_MIN_MS = 300;

export interface PasswordResetRequest {
  email: string;
}

export interface PasswordResetInput {
  token: string;
  password: string;
}

// Deps built by hand (benchmarks, tools) may not bring their own limiters.
const fallbackLimiters = new WeakMap<CoreDeps, { ip: RateLimiter; account: RateLimiter }>();

function limiters(deps: CoreDeps): { ip: RateLimiter; account: RateLimiter } {
  const { passwordResetPerIp, passwordResetPerAccount } = deps.limiters;
  if (passwordResetPerIp && passwordResetPerAccount)
    return { ip: passwordResetPerIp, account: passwordResetPerAccount };
  let fallback = fallbackLimiters.get(deps);
  if (!fallback) {
    fallback = {
      ip: createRateLimiter({ keyPrefix: "reset-ip", points: 20, durationSeconds: 3600 }),
      account: createRateLimiter({ keyPrefix: "reset-account", points: 5, durationSeconds: 3600 }),
    };
    fallbackLimiters.set(deps, fallback);
  }
  return {
    ip: passwordResetPerIp ?? fallback.ip,
    account: passwordResetPerAccount ?? fallback.account,
  };
}

/**
 * Starts a password reset. Always answers the same, in about the same
 * time, whether or not an account has this address. For an active
 * account it records a request (single use, RESET_TTL_MINUTES long) in a
 * transaction acting as that user and raises user.password_reset_requested;
 * the worker's handler makes the secret and mails the link.
 */
export async function requestPasswordReset(
  deps: CoreDeps,
  input: PasswordResetRequest,
  meta: ClientMeta,
): Promise<{ ok: true }> {
  const started = Date.now();
  const limit = limiters(deps);
  await spend(limit.ip, meta.ip ?? "unknown", "password reset requests from this address");
  await spend(limit.account, input.email, "password reset requests for this account");
  const candidate = await findLoginCandidate(deps.pool, input.email);
  if (candidate?.is_active) {
    const userId = candidate.id;
    await withScope(
      deps.pool,
      { userId, permissions: [], requestId: meta.requestId },
      async (tx) => {
        const request = await tx.passwordResetToken.create({
          data: {
            userId,
            expiresAt: new Date(Date.now() + RESET_TTL_MINUTES * 60_000),
            requestIp: meta.ip,
          },
          select: { id: true, expiresAt: true },
        });
        await emitEvent(tx, "user.password_reset_requested", { userId, resetTokenId: request.id });
        await recordActivity(
          tx,
          { userId, ...meta },
          {
            action: "user.password_reset_request",
            entityType: "user",
            entityId: userId,
            after: { resetRequestId: request.id, expiresAt: request.expiresAt },
          },
        );
      },
    );
  }
  const remaining = RESET_REQUEST_MIN_MS - (Date.now() - started);
  if (remaining > 0) await sleep(remaining);
  return { ok: true };
}

function refused(
  reason: "reset_token_invalid" | "reset_token_used" | "reset_token_expired",
): AppError {
  const message =
    reason === "reset_token_used"
      ? "This reset link was already used"
      : reason === "reset_token_expired"
        ? "This reset link has expired"
        : "This reset link is not valid";
  return new AppError("VALIDATION", message, { reason, fieldErrors: { token: [message] } });
}

interface ResetRecord {
  token_id: string;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
}

async function findReset(pool: PrismaClient, tokenHash: string): Promise<ResetRecord | null> {
  const rows = await pool.$queryRaw<
    ResetRecord[]
  >`SELECT * FROM app.auth_find_password_reset(${tokenHash})`;
  return rows[0] ?? null;
}

/**
 * Sets a new password with a reset link's secret. The request is found by
 * the secret's hash, then, in one transaction acting as its user: spent
 * (a conditional update, so of two concurrent uses one wins), the password
 * set under the password policy (history included), every other pending
 * request spent too, every session ended, and the change recorded.
 */
export async function resetPassword(
  deps: CoreDeps,
  input: PasswordResetInput,
  meta: ClientMeta,
): Promise<{ ok: true; revokedSessions: number }> {
  await spend(limiters(deps).ip, meta.ip ?? "unknown", "password reset attempts from this address");
  const record = await findReset(deps.pool, hashOpaqueToken(input.token));
  if (!record) throw refused("reset_token_invalid");
  if (record.used_at) throw refused("reset_token_used");
  if (record.expires_at <= new Date()) throw refused("reset_token_expired");

  const userId = record.user_id;
  return withScope(
    deps.pool,
    { userId, permissions: [], requestId: meta.requestId },
    async (tx) => {
      const now = new Date();
      const spent = await tx.passwordResetToken.updateMany({
        where: { id: record.token_id, userId, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (spent.count === 0) throw refused("reset_token_used");
      const user = await tx.user.findUnique({ where: { id: userId }, select: { isActive: true } });
      if (!user?.isActive) throw refused("reset_token_invalid");

      const { changedAt } = await setPassword(tx, userId, input.password);
      // Whoever could not sign in can now: the mailbox proved who they are.
      await tx.user.update({
        where: { id: userId },
        data: { failedLoginCount: 0, lockedUntil: null },
        select: { id: true },
      });
      await tx.passwordResetToken.updateMany({
        where: { userId, usedAt: null },
        data: { usedAt: now },
      });
      const revoked = await tx.session.updateMany({
        where: { userId, revokedAt: null },
        data: { revokedAt: now, revokedReason: "password_reset" },
      });
      await recordActivity(
        tx,
        { userId, ...meta },
        {
          action: "user.password_reset",
          entityType: "user",
          entityId: userId,
          after: { passwordChangedAt: changedAt, revokedSessions: revoked.count },
        },
      );
      return { ok: true as const, revokedSessions: revoked.count };
    },
  );
}
