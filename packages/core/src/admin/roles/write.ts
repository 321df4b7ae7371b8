import { isUniqueViolation } from "@fastnext/db";
import { type Permission, type RoleCreateInput, type RoleUpdateInput } from "@fastnext/validators";

import { AppError } from "../../errors";
import { recordActivity } from "../../activity";
import { type ServiceContext } from "../../context";
import { definedEntries } from "../../settings/flatten";
import { assertAdminsRemain } from "../guard";
import { getRole } from "./read";
import { auditFields, type RoleView } from "./view";

export async function createRole(ctx: ServiceContext, input: RoleCreateInput): Promise<RoleView> {
  let id: string;
  try {
    ({ id } = await ctx.db.role.create({
      data: {
        key: input.key,
        name: input.name,
        description: input.description,
        isDefault: input.isDefault,
      },
      select: { id: true },
    }));
  } catch (error) {
    if (isUniqueViolation(error, "key")) {
      throw new AppError("CONFLICT", "A role with this key already exists", {
        reason: "key_taken",
        fieldErrors: { key: ["A role with this key already exists"] },
      });
    }
    throw error;
  }
  const keys = [...new Set(input.permissionKeys)];
  await ctx.db.rolePermission.createMany({
    data: keys.map((permissionKey) => ({ roleId: id, permissionKey })),
  });
  const role = await getRole(ctx, id);
  await recordActivity(ctx.db, ctx.actor, {
    action: "role.create",
    entityType: "role",
    entityId: id,
    after: auditFields(role),
  });
  return role;
}

/** Name, description and the default flag; the key never changes. */
export async function updateRole(ctx: ServiceContext, input: RoleUpdateInput): Promise<RoleView> {
  const before = await getRole(ctx, input.id);
  await ctx.db.role.update({
    where: { id: input.id },
    data: definedEntries(input.data),
    select: { id: true },
  });
  const after = await getRole(ctx, input.id);
  await recordActivity(ctx.db, ctx.actor, {
    action: "role.update",
    entityType: "role",
    entityId: input.id,
    before: auditFields(before),
    after: auditFields(after),
  });
  return after;
}

/**
 * Replaces what a role grants. Its users see the change at their next
 * request (the access version of each moves with role_permissions).
 * Refused when it would take the caller's own admin rights or leave no
 * active admin.
 */
export async function setRolePermissions(
  ctx: ServiceContext,
  input: { id: string; permissionKeys: readonly Permission[] },
): Promise<RoleView> {
  const before = await getRole(ctx, input.id);
  const keys = [...new Set(input.permissionKeys)];
  await ctx.db.rolePermission.deleteMany({
    where: { roleId: input.id, permissionKey: { notIn: keys } },
  });
  await ctx.db.rolePermission.createMany({
    data: keys.map((permissionKey) => ({ roleId: input.id, permissionKey })),
    skipDuplicates: true,
  });
  await assertAdminsRemain(ctx);
  const after = await getRole(ctx, input.id);
  await recordActivity(ctx.db, ctx.actor, {
    action: "role.set_permissions",
    entityType: "role",
    entityId: input.id,
    before: { permissions: before.permissions },
    after: { permissions: after.permissions },
  });
  return after;
}

/**
 * Deletes a role that is not a system role. While users hold it, it can
 * only go if `reassignTo` names another role: they are given that role in
 * the same transaction (no one is left in between).
 */
export async function deleteRole(
  ctx: ServiceContext,
  input: { id: string; reassignTo?: string | undefined },
): Promise<{ id: string; reassignedUsers: number }> {
  const role = await getRole(ctx, input.id);
  if (role.isSystem) {
    throw new AppError("PRECONDITION_FAILED", "System roles cannot be deleted", {
      reason: "system_role",
    });
  }
  const holders = await ctx.db.userRole.findMany({
    where: { roleId: role.id },
    select: { userId: true },
  });
  let target: { id: string; key: string } | null = null;
  if (input.reassignTo !== undefined) {
    target = await ctx.db.role.findUnique({
      where: { key: input.reassignTo },
      select: { id: true, key: true },
    });
    if (!target || target.id === role.id) {
      throw new AppError("VALIDATION", "Choose another existing role", {
        fieldErrors: {
          reassignTo: [target ? "Choose a role other than the one deleted" : "Unknown role"],
        },
      });
    }
  }
  if (holders.length > 0 && !target) {
    throw new AppError(
      "PRECONDITION_FAILED",
      "Users hold this role: name a role to give them instead",
      {
        reason: "role_in_use",
        details: { users: holders.length },
      },
    );
  }
  if (target && holders.length > 0) {
    const roleId = target.id;
    await ctx.db.userRole.createMany({
      data: holders.map((holder) => ({
        userId: holder.userId,
        roleId,
        assignedById: ctx.principal.userId,
      })),
      skipDuplicates: true,
    });
  }
  await ctx.db.userRole.deleteMany({ where: { roleId: role.id } });
  await ctx.db.role.delete({ where: { id: role.id }, select: { id: true } });
  await assertAdminsRemain(ctx);
  await recordActivity(ctx.db, ctx.actor, {
    action: "role.delete",
    entityType: "role",
    entityId: role.id,
    before: { ...auditFields(role), users: holders.length },
    after: target ? { reassignedTo: target.key } : null,
  });
  return { id: role.id, reassignedUsers: holders.length };
}
