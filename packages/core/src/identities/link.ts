import { type ExternalProfile } from "@fastnext/auth";
import { isUniqueViolation } from "@fastnext/db";
import { type OAuthCodeInput } from "@fastnext/validators";

import { type ServiceContext } from "../context";
import { recordActivity } from "../activity";
import { redeemCode } from "./codes";
import { verifiedEmailOf } from "./external-account";
import { emailNotVerified, identityTaken } from "./refusals";
import { linkedIdentitySelect, toLinkedIdentityView, type LinkedIdentityView } from "./view";

/**
 * Links an external identity to the signed-in caller. The signed-in session
 * is the owner's confirmation (they proved the account with its password
 * and second factor, or with an identity already linked); the provider must
 * still have verified the e-mail address. An identity links to one account.
 */
export async function linkIdentity(
  ctx: ServiceContext,
  profile: ExternalProfile,
): Promise<LinkedIdentityView> {
  const email = verifiedEmailOf(profile);
  if (!email) throw emailNotVerified();
  const userId = ctx.principal.userId;
  let identity;
  try {
    identity = await ctx.db.linkedIdentity.create({
      data: {
        userId,
        provider: profile.provider,
        providerAccountId: profile.accountId,
        emailAtLink: email,
      },
      select: linkedIdentitySelect,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw identityTaken();
    throw error;
  }
  await recordActivity(ctx.db, ctx.actor, {
    action: "identity.link",
    entityType: "linked_identity",
    entityId: identity.id,
    after: { provider: profile.provider, email },
  });
  return toLinkedIdentityView(identity);
}

/**
 * account.identities.link: a phone's link code (from the external flow
 * started with `intent=link`) and its verifier, linked to the caller.
 */
export async function linkIdentityWithCode(
  ctx: ServiceContext,
  input: OAuthCodeInput,
): Promise<LinkedIdentityView> {
  const redeemed = await redeemCode(ctx.deps, input, "link");
  return linkIdentity(ctx, {
    provider: redeemed.provider,
    accountId: redeemed.accountId,
    email: redeemed.email,
    // Link codes are issued only for an address the provider verified.
    emailVerified: true,
    name: null,
  });
}
