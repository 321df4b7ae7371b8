import { type ScopedDb } from "@fastnext/db";

import { type CoreDeps } from "../deps";
import { recordActivity, type Actor } from "../activity";
import { readSetting } from "../settings/system";
import { toUserView, userViewSelect, type UserView } from "../users/view";
import { isPasswordExpired } from "./password-policy";
import { openSession, type TokenPair } from "./tokens";

export interface SignedIn extends TokenPair {
  status: "signed_in";
  user: UserView;
  /**
   * The password is older than the policy's maximum age. Sign-in still
   * succeeds (refusing it would lock people out of the very screen where
   * they change it); clients should ask for a new password.
   */
  passwordExpired: boolean;
}

export interface TwoFactorRequired {
  status: "two_factor_required";
  /** Present it to auth.verifyTwoFactor with a code. */
  challengeToken: string;
  /** Seconds until the challenge expires. */
  expiresIn: number;
}

export type LoginResult = SignedIn | TwoFactorRequired;

/** How the identity was proven: a password, a second factor, or an external identity provider. */
export type SignInMethod = "password" | "totp" | "backup_code" | "external";

/**
 * The last step of every successful sign-in (password alone, or password
 * then second factor): clears the failure count, opens the device session
 * and records the sign-in, in the transaction scoped to the user.
 */
export async function completeSignIn(
  tx: ScopedDb,
  deps: CoreDeps,
  actor: Actor,
  deviceLabel: string,
  method: SignInMethod,
  /** The external provider that proved the identity, for the trail. */
  provider?: string,
): Promise<SignedIn> {
  const user = await tx.user.update({
    where: { id: actor.userId },
    data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() },
    select: { ...userViewSelect, passwordChangedAt: true },
  });
  const session = await openSession(tx, deps, user.id, actor, deviceLabel);
  const policy = await readSetting(tx, "passwordPolicy");
  await recordActivity(tx, actor, {
    action: "auth.login",
    entityType: "session",
    entityId: session.sessionId,
    after: provider ? { deviceLabel, method, provider } : { deviceLabel, method },
  });
  return {
    status: "signed_in",
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    expiresIn: session.expiresIn,
    user: toUserView(user, { userId: user.id, self: true }),
    passwordExpired: isPasswordExpired(user.passwordChangedAt, policy),
  };
}
