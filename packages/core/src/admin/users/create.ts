import { randomUUID } from "node:crypto";

import { generateOpaqueToken, hashPassword } from "@fastnext/auth";
import { isUniqueViolation } from "@fastnext/db";
import { emitEvent } from "@fastnext/events";
import { type AdminUserCreateInput } from "@fastnext/validators";

import { AppError } from "../../errors";
import { recordActivity } from "../../activity";
import { type ServiceContext } from "../../context";
import { resolveRoles } from "./roles";
import { getUser } from "./get";
import { type AdminUserView } from "./view";

export function emailTaken(field: string): AppError {
  return new AppError("CONFLICT", "An account with this e-mail already exists", {
    reason: "email_taken",
    fieldErrors: { [field]: ["An account with this e-mail already exists"] },
  });
}

/**
 * Creates an account for someone else. Its password is the hash of a
 * random secret nobody ever sees, so it cannot be signed in to until its
 * owner sets a password through the reset flow (the invitation's link).
 * Also needs user.read (to return the user), and role.manage to give roles.
 */
export async function createUser(
  ctx: ServiceContext,
  input: AdminUserCreateInput,
): Promise<AdminUserView> {
  // The new row is read back (RETURNING, and the view), which RLS allows only to user.read holders.
  if (!ctx.principal.permissions.has("user.read")) {
    throw new AppError("FORBIDDEN", 'Creating users also needs the "user.read" permission', {
      reason: "missing_permission",
      details: { permission: "user.read" },
    });
  }
  if (input.roleKeys.length > 0 && !ctx.principal.permissions.has("role.manage")) {
    throw new AppError("FORBIDDEN", 'Giving roles needs the "role.manage" permission', {
      reason: "missing_permission",
      details: { permission: "role.manage" },
    });
  }
  const roles = await resolveRoles(ctx.db, input.roleKeys);
  const id = randomUUID();
  const passwordHash = await hashPassword(generateOpaqueToken());
  try {
    await ctx.db.user.create({
      data: {
        id,
        email: input.email,
        name: input.name,
        passwordHash,
        ...(input.locale ? { locale: input.locale } : {}),
        ...(input.timeZone ? { timeZone: input.timeZone } : {}),
      },
      select: { id: true },
    });
  } catch (error) {
    if (isUniqueViolation(error, "email")) throw emailTaken("email");
    throw error;
  }
  await ctx.db.userRole.createMany({
    data: roles.map((role) => ({
      userId: id,
      roleId: role.id,
      assignedById: ctx.principal.userId,
    })),
  });
  if (input.sendInvitation)
    await emitEvent(ctx.db, "user.invited", { userId: id, invitedById: ctx.principal.userId });
  await recordActivity(ctx.db, ctx.actor, {
    action: "user.create",
    entityType: "user",
    entityId: id,
    after: {
      email: input.email,
      name: input.name,
      roles: roles.map((role) => role.key),
      invited: input.sendInvitation,
    },
  });
  return getUser(ctx, id);
}
