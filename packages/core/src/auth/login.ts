import { burnPasswordVerification, signChallengeToken, verifyPassword } from "@fastnext/auth";
import { withScope, type ScopedDb } from "@fastnext/db";
import { type LoginInput } from "@fastnext/validators";

import { type CoreDeps } from "../deps";
import { AppError } from "../errors";
import { recordActivity, type Actor } from "../activity";
import { telemetryOf, type SignInOutcome } from "../telemetry";
import { deviceLabelFrom, type ClientMeta } from "./client-meta";
import { findLoginCandidate, recordLoginFailure } from "./lookup";
import { spend } from "./rate-limit";
import { completeSignIn, type LoginResult, type TwoFactorRequired } from "./sign-in";

export { type LoginResult } from "./sign-in";

/** How long a password-accepted, code-pending sign-in stays open. */
export const CHALLENGE_TTL_SECONDS = 300;

/** One answer for "no such user" and "wrong password", so neither is revealed. */
export function invalidCredentials(): AppError {
  return new AppError("UNAUTHENTICATED", "Invalid e-mail or password", {
    reason: "invalid_credentials",
  });
}

/**
 * Checks credentials and opens a device session, or, when the account has
 * two-factor sign-in on, opens a challenge to be completed with a code
 * (auth.verifyTwoFactor). Every path that rejects spends one password
 * verification, so timing does not tell whether the account exists.
 *
 * A right password does NOT reset the failure count while a code is due:
 * wrong codes count towards the same lock-out as wrong passwords, and
 * signing in again must not wipe them.
 */
export async function login(
  deps: CoreDeps,
  input: LoginInput,
  meta: ClientMeta,
): Promise<LoginResult> {
  const telemetry = telemetryOf(deps);
  try {
    const result = await checkAndSignIn(deps, input, meta);
    telemetry.signIn(result.status === "two_factor_required" ? "two_factor_required" : "signed_in");
    return result;
  } catch (error) {
    telemetry.signIn(signInOutcomeOf(error));
    throw error;
  }
}

/** How a refused sign-in ended, from the reason it was refused with. */
function signInOutcomeOf(error: unknown): SignInOutcome {
  if (!(error instanceof AppError)) return "error";
  switch (error.reason) {
    case "invalid_credentials":
      return "invalid_credentials";
    case "account_locked":
      return "locked";
    case "account_inactive":
      return "inactive";
    case "rate_limited":
      return "rate_limited";
    default:
      return "error";
  }
}

async function checkAndSignIn(
  deps: CoreDeps,
  input: LoginInput,
  meta: ClientMeta,
): Promise<LoginResult> {
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
    if (state?.locked_until && state.locked_until > new Date()) {
      telemetryOf(deps).lockOut();
      throw lockedOut(state.locked_until);
    }
    throw invalidCredentials();
  }
  if (!candidate.is_active) {
    throw new AppError("UNAUTHENTICATED", "This account is deactivated", {
      reason: "account_inactive",
    });
  }

  const actor: Actor = { userId: candidate.id, ...meta };
  const deviceLabel = input.deviceLabel ?? deviceLabelFrom(meta.userAgent);
  const scope = { userId: candidate.id, permissions: [], requestId: meta.requestId };
  return withScope(deps.pool, scope, async (tx) => {
    const account = await tx.user.findUniqueOrThrow({
      where: { id: candidate.id },
      select: { twoFactorEnabled: true },
    });
    if (!account.twoFactorEnabled) return completeSignIn(tx, deps, actor, deviceLabel, "password");
    return openSecondFactorChallenge(tx, deps, actor, deviceLabel);
  });
}

/**
 * The identity is proven, the account wants its second factor: a
 * challenge to complete with a code (auth.verifyTwoFactor), in the
 * transaction scoped to the user. Password and external sign-ins alike.
 */
export async function openSecondFactorChallenge(
  tx: ScopedDb,
  deps: CoreDeps,
  actor: Actor,
  deviceLabel: string,
): Promise<TwoFactorRequired> {
  const expiresAt = new Date(Date.now() + CHALLENGE_TTL_SECONDS * 1000);
  const challenge = await tx.loginChallenge.create({
    data: { userId: actor.userId, deviceLabel, expiresAt },
    select: { id: true },
  });
  await recordActivity(tx, actor, {
    action: "auth.login_challenge",
    entityType: "login_challenge",
    entityId: challenge.id,
    after: { deviceLabel, expiresAt },
  });
  const challengeToken = await signChallengeToken(
    { userId: actor.userId, challengeId: challenge.id },
    deps.tokens,
    expiresAt,
  );
  return { status: "two_factor_required", challengeToken, expiresIn: CHALLENGE_TTL_SECONDS };
}

export function lockedOut(until: Date): AppError {
  return new AppError(
    "RATE_LIMITED",
    "Too many wrong passwords: the account is locked for a while",
    {
      reason: "account_locked",
      details: { retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000)) },
    },
  );
}
