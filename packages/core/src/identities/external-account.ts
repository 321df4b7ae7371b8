import { randomBytes, randomUUID } from "node:crypto";

import { hashPassword, type ExternalProfile } from "@fastnext/auth";
import { ANONYMOUS_SCOPE, isUniqueViolation, withScope, type PrismaClient } from "@fastnext/db";
import { emitEvent } from "@fastnext/events";
import { ZDisplayNameSchema, ZEmailSchema } from "@fastnext/validators";

import { type CoreDeps } from "../deps";
import { recordActivity } from "../activity";
import { type ClientMeta } from "../auth/client-meta";
import { findLoginCandidate } from "../auth/lookup";
import { spend } from "../auth/rate-limit";
import { readSetting } from "../settings/system";
import { accountInactive, emailNotVerified, linkRequired, registrationClosed } from "./refusals";

/** A provider's e-mail, normalised as accounts store it; null unless the provider verified it. */
export function verifiedEmailOf(profile: ExternalProfile): string | null {
  if (!profile.emailVerified || profile.email === null) return null;
  const email = ZEmailSchema.safeParse(profile.email);
  return email.success ? email.data : null;
}

async function findIdentityOwner(
  pool: PrismaClient,
  profile: ExternalProfile,
): Promise<{ user_id: string; is_active: boolean } | null> {
  const rows = await pool.$queryRaw<{ user_id: string; is_active: boolean }[]>`
    SELECT * FROM app.auth_find_identity(${profile.provider}, ${profile.accountId})`;
  return rows[0] ?? null;
}

/**
 * The account an external sign-in is for. An identity already linked signs
 * its user in (unless deactivated). Otherwise the provider must have
 * verified the e-mail address; an account that already has it is never
 * linked here (its owner links from a signed-in session, which proves they
 * hold it), and without one a new account is made when registration is
 * open, with the default roles, linked to the identity.
 */
export async function resolveExternalAccount(
  deps: CoreDeps,
  profile: ExternalProfile,
  meta: ClientMeta,
): Promise<{ userId: string; created: boolean }> {
  const owner = await findIdentityOwner(deps.pool, profile);
  if (owner) {
    if (!owner.is_active) throw accountInactive();
    return { userId: owner.user_id, created: false };
  }
  const email = verifiedEmailOf(profile);
  if (!email) throw emailNotVerified();
  if (await findLoginCandidate(deps.pool, email)) throw linkRequired();
  const userId = await registerExternal(deps, { ...profile, email }, meta);
  return { userId, created: true };
}

/**
 * A new account for a verified external identity, under the registration
 * service's rules (open registration, the per-address limit, the default
 * roles, `user.registered`). It gets no usable password: its hash is of
 * random bytes nobody keeps, and `has_password` is false until a reset.
 */
async function registerExternal(
  deps: CoreDeps,
  profile: ExternalProfile & { email: string },
  meta: ClientMeta,
): Promise<string> {
  await spend(deps.limiters.registerPerIp, meta.ip ?? "unknown", "registrations from this address");
  await withScope(deps.pool, { ...ANONYMOUS_SCOPE, requestId: meta.requestId }, async (tx) => {
    const flags = await readSetting(tx, "featureFlags");
    if (!flags.registrationOpen) throw registrationClosed();
  });
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  const named = ZDisplayNameSchema.safeParse(profile.name ?? "");
  const name = named.success
    ? named.data
    : profile.email.slice(0, profile.email.indexOf("@")).slice(0, 120) || "User";
  const userId = randomUUID();
  const actor = { userId, ...meta };
  try {
    await withScope(
      deps.pool,
      { userId, permissions: [], requestId: meta.requestId },
      async (tx) => {
        await tx.user.create({
          data: { id: userId, email: profile.email, name, passwordHash, hasPassword: false },
          select: { id: true },
        });
        const defaults = await tx.role.findMany({
          where: { isDefault: true },
          select: { id: true, key: true },
        });
        await tx.userRole.createMany({
          data: defaults.map((role) => ({ userId, roleId: role.id })),
        });
        const identity = await tx.linkedIdentity.create({
          data: {
            userId,
            provider: profile.provider,
            providerAccountId: profile.accountId,
            emailAtLink: profile.email,
          },
          select: { id: true },
        });
        await emitEvent(tx, "user.registered", { userId });
        await recordActivity(tx, actor, {
          action: "user.register",
          entityType: "user",
          entityId: userId,
          after: {
            email: profile.email,
            name,
            roles: defaults.map((role) => role.key).sort(),
            provider: profile.provider,
          },
        });
        await recordActivity(tx, actor, {
          action: "identity.link",
          entityType: "linked_identity",
          entityId: identity.id,
          after: { provider: profile.provider, email: profile.email },
        });
      },
    );
  } catch (error) {
    // Someone registered the address (or linked the identity) meanwhile.
    if (isUniqueViolation(error)) throw linkRequired();
    throw error;
  }
  return userId;
}
