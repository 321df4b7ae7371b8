import { burnPasswordVerification, verifyPassword } from "@fastnext/auth";
import { withScope } from "@fastnext/db";
import { type LoginInput } from "@fastnext/validators";

import { type ApiDeps } from "../../deps";
import { AppError } from "../../errors";
import { toUserView, userViewSelect, type UserView } from "../users/view";
import { deviceLabelFrom, type ClientMeta } from "./client-meta";
import { findLoginCandidate, recordLoginFailure } from "./lookup";
import { spend } from "./rate-limit";
import { openSession, type TokenPair } from "./tokens";

export interface LoginResult extends TokenPair {
  user: UserView;
}

/** One answer for "no such user" and "wrong password", so neither is revealed. */
export function invalidCredentials(): AppError {
  return new AppError("UNAUTHENTICATED", "Invalid e-mail or password", { reason: "invalid_credentials" });
}

/**
 * Checks credentials and opens a device session. Every path that rejects
 * spends one password verification, so timing does not tell whether the
 * account exists.
 */
export async function login(deps: ApiDeps, input: LoginInput, meta: ClientMeta): Promise<LoginResult> {
  await spend(deps.limiters.loginPerIp, meta.ip ?? "unknown", "sign-in attempts from this address");
  await spend(deps.limiters.loginPerAccount, input.email, "sign-in attempts for this account");

  const candidate = await findLoginCandidate(deps.pool, input.email);
  if (!candidate) {
    await burnPasswordVerification(input.password);
    throw invalidCredentials();
  }
  if (candidate.locked_until && candidate.locked_until > new Date()) {
    await burnPasswordVerification(input.password);
    throw lockedOut(candidate.locked_until);
  }
  if (!(await verifyPassword(candidate.password_hash, input.password))) {
    const state = await recordLoginFailure(
      deps.pool,
      candidate.id,
      deps.loginPolicy.lockThreshold,
      deps.loginPolicy.lockSeconds,
    );
    if (state?.locked_until && state.locked_until > new Date()) throw lockedOut(state.locked_until);
    throw invalidCredentials();
  }
  if (!candidate.is_active) {
    throw new AppError("UNAUTHENTICATED", "This account is deactivated", { reason: "account_inactive" });
  }

  const scope = { userId: candidate.id, permissions: [], requestId: meta.requestId };
  return withScope(deps.pool, scope, async (tx) => {
    const user = await tx.user.update({
      where: { id: candidate.id },
      data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() },
      select: userViewSelect,
    });
    const session = await openSession(tx, deps, user.id, meta, input.deviceLabel ?? deviceLabelFrom(meta.userAgent));
    return {
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      expiresIn: session.expiresIn,
      user: toUserView(user, { userId: user.id, self: true }),
    };
  });
}

function lockedOut(until: Date): AppError {
  return new AppError("RATE_LIMITED", "Too many wrong passwords: the account is locked for a while", {
    reason: "account_locked",
    details: { retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000)) },
  });
}
