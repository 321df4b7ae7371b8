import { withScope } from "@fastnext/db";

import { type CoreDeps } from "../deps";
import { type Actor } from "../activity";
import { type ClientMeta } from "../auth/client-meta";
import { lockedOut, openSecondFactorChallenge } from "../auth/login";
import { completeSignIn, type LoginResult } from "../auth/sign-in";
import { accountInactive } from "./refusals";

/**
 * Signs in a user an external provider vouched for: a device session, or,
 * when the account has two-factor sign-in on, the same second-factor
 * challenge a password sign-in gets (the provider proves who the user is
 * there, not that they hold this account's second factor). A deactivated
 * or locked account is refused.
 */
export async function signInExternal(
  deps: CoreDeps,
  userId: string,
  provider: string,
  meta: ClientMeta,
  deviceLabel: string,
): Promise<LoginResult> {
  const actor: Actor = { userId, ...meta };
  return withScope(
    deps.pool,
    { userId, permissions: [], requestId: meta.requestId },
    async (tx) => {
      const user = await tx.user.findUnique({
        where: { id: userId },
        select: { isActive: true, lockedUntil: true, twoFactorEnabled: true },
      });
      if (!user?.isActive) throw accountInactive();
      if (user.lockedUntil && user.lockedUntil > new Date()) throw lockedOut(user.lockedUntil);
      if (user.twoFactorEnabled) return openSecondFactorChallenge(tx, deps, actor, deviceLabel);
      return completeSignIn(tx, deps, actor, deviceLabel, "external", provider);
    },
  );
}
