import { Prisma, scopedRows } from "@fastnext/db";
import { z } from "zod";

import { type ServiceContext } from "../context";
import { AppError } from "../errors";
import { recordActivity } from "../activity";
import {
  linkedIdentitySelect,
  toLinkedIdentityView,
  type IdentityRemoveInput,
  type SignInMethodsView,
} from "./view";

/** The caller's linked identities, oldest first (a handful at most), and whether they have a password. */
export async function listSignInMethods(ctx: ServiceContext): Promise<SignInMethodsView> {
  const userId = ctx.principal.userId;
  const [user, identities] = await Promise.all([
    ctx.db.user.findUniqueOrThrow({ where: { id: userId }, select: { hasPassword: true } }),
    ctx.db.linkedIdentity.findMany({
      where: { userId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: linkedIdentitySelect,
    }),
  ]);
  return { hasPassword: user.hasPassword, identities: identities.map(toLinkedIdentityView) };
}

/**
 * Removes one of the caller's identities, keeping a way to sign in: a
 * password or another identity. The caller's row is locked first, so two
 * removals at once cannot each leave the other as the last way in.
 */
export async function removeIdentity(
  ctx: ServiceContext,
  input: IdentityRemoveInput,
): Promise<void> {
  const userId = ctx.principal.userId;
  const [me] = z
    .array(z.object({ has_password: z.boolean() }))
    .parse(
      await scopedRows(
        ctx.db,
        Prisma.sql`SELECT has_password FROM users WHERE id = ${userId}::uuid FOR UPDATE`,
      ),
    );
  const identity = await ctx.db.linkedIdentity.findFirst({
    where: { id: input.id, userId },
    select: linkedIdentitySelect,
  });
  if (!me || !identity)
    throw new AppError("NOT_FOUND", "No such linked identity", { reason: "identity_not_found" });
  const others = await ctx.db.linkedIdentity.count({ where: { userId, id: { not: identity.id } } });
  if (!me.has_password && others === 0) {
    throw new AppError(
      "PRECONDITION_FAILED",
      "This is your only way to sign in: set a password (reset it by e-mail) or link another provider first",
      { reason: "last_sign_in_method" },
    );
  }
  await ctx.db.linkedIdentity.delete({ where: { id: identity.id }, select: { id: true } });
  await recordActivity(ctx.db, ctx.actor, {
    action: "identity.unlink",
    entityType: "linked_identity",
    entityId: identity.id,
    before: { provider: identity.provider, email: identity.emailAtLink },
  });
}
