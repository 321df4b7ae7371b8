import { InvalidChallengeTokenError, verifyChallengeToken } from "@fastnext/auth";
import { withScope } from "@fastnext/db";

import { type CoreDeps } from "../deps";
import { AppError } from "../errors";
import { type Actor } from "../activity";
import { telemetryOf } from "../telemetry";
import { type VerifyTwoFactorInput } from "./input";
import { type ClientMeta } from "./client-meta";
import { readOwnCredentials } from "./credentials";
import { lockedOut } from "./login";
import { recordLoginFailure } from "./lookup";
import { spend } from "./rate-limit";
import { checkSecondFactor } from "./second-factor";
import { completeSignIn, type SignedIn } from "./sign-in";

/** Codes tried against one challenge before it is spent (then: sign in again). */
export const MAX_CHALLENGE_ATTEMPTS = 5;

function refused(
  reason: string,
  message = "The sign-in could not be completed: sign in again",
): AppError {
  return new AppError("UNAUTHENTICATED", message, { reason });
}

/** A wrong code is an outcome, not an error: its counting must commit. Refusals throw (and roll back). */
type Outcome = { kind: "signed_in"; result: SignedIn } | { kind: "wrong_code" };

/**
 * Completes a sign-in whose password was accepted, with a TOTP code or a
 * backup code. The challenge token is verified BEFORE any database work,
 * and names the user the transaction is scoped to. The challenge is
 * single-use and expires; wrong codes are counted on the challenge and on
 * the account's failed-sign-in counter (the password lock-out), and are
 * committed even though the call fails.
 */
export async function verifyTwoFactor(
  deps: CoreDeps,
  input: VerifyTwoFactorInput,
  meta: ClientMeta,
): Promise<SignedIn> {
  await spend(deps.limiters.loginPerIp, meta.ip ?? "unknown", "sign-in attempts from this address");
  let subject;
  try {
    subject = await verifyChallengeToken(input.challengeToken, deps.tokens);
  } catch (error) {
    if (error instanceof InvalidChallengeTokenError) throw refused("invalid_challenge");
    throw error;
  }
  const { userId, challengeId } = subject;
  await spend(deps.limiters.loginPerAccount, `2fa:${userId}`, "sign-in attempts for this account");

  const actor: Actor = { userId, ...meta };
  const scope = { userId, permissions: [], requestId: meta.requestId };
  const outcome = await withScope(deps.pool, scope, async (tx): Promise<Outcome> => {
    const now = new Date();
    const challenge = await tx.loginChallenge.findFirst({
      where: { id: challengeId, userId },
      select: { deviceLabel: true, attempts: true, expiresAt: true, usedAt: true },
    });
    if (!challenge) throw refused("invalid_challenge");
    if (challenge.usedAt) throw refused("challenge_used");
    if (challenge.expiresAt <= now) throw refused("challenge_expired");
    if (challenge.attempts >= MAX_CHALLENGE_ATTEMPTS) {
      throw refused("challenge_exhausted", "Too many wrong codes: sign in again");
    }
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { isActive: true, lockedUntil: true, twoFactorEnabled: true },
    });
    if (!user.isActive) {
      throw refused("account_inactive", "This account is deactivated");
    }
    if (user.lockedUntil && user.lockedUntil > now) throw lockedOut(user.lockedUntil);
    const secret = (await readOwnCredentials(tx))?.twoFactorSecret;
    if (!user.twoFactorEnabled || !secret) throw refused("invalid_challenge");

    const method = await checkSecondFactor(tx, userId, secret, input.code, deps.encryptionKeys);
    if (!method) {
      await tx.loginChallenge.update({
        where: { id: challengeId },
        data: { attempts: { increment: 1 } },
        select: { id: true },
      });
      return { kind: "wrong_code" };
    }
    // Conditional: of two concurrent completions of one challenge, one wins.
    const spent = await tx.loginChallenge.updateMany({
      where: { id: challengeId, usedAt: null },
      data: { usedAt: now },
    });
    if (spent.count === 0) throw refused("challenge_used");
    return {
      kind: "signed_in",
      result: await completeSignIn(tx, deps, actor, challenge.deviceLabel, method),
    };
  });

  if (outcome.kind === "signed_in") return outcome.result;
  const state = await recordLoginFailure(
    deps.pool,
    userId,
    deps.loginPolicy.lockThreshold,
    deps.loginPolicy.lockSeconds,
  );
  if (state?.locked_until && state.locked_until > new Date()) {
    telemetryOf(deps).lockOut();
    throw lockedOut(state.locked_until);
  }
  throw new AppError("UNAUTHENTICATED", "The code is not correct", {
    reason: "invalid_code",
    fieldErrors: { code: ["The code is not correct"] },
  });
}
