import { AppError } from "../../errors";
import { recordActivity } from "../../activity";
import { type ServiceContext } from "../../context";
import { assertAdminsRemain } from "../guard";
import { resolveRoles } from "./roles";

/**
 * Replaces a user's roles. Takes effect on the user's next request (the
 * access version moves with every change of user_roles). Refused when it
 * would take the caller's own admin rights or leave no active admin.
 */
export async function setUserRoles(
  ctx: ServiceContext,
  input: { userId: string; roleKeys: readonly string[] },
): Promise<{ userId: string; roleKeys: string[] }> {
  const user = await ctx.db.user.findUnique({
    where: { id: input.userId },
    select: { id: true, roles: { select: { role: { select: { key: true } } } } },
  });
  if (!user) throw new AppError("NOT_FOUND", "No such user");
  const roles = await resolveRoles(ctx.db, input.roleKeys);
  await ctx.db.userRole.deleteMany({
    where: { userId: input.userId, roleId: { notIn: roles.map((r) => r.id) } },
  });
  await ctx.db.userRole.createMany({
    data: roles.map((role) => ({
      userId: input.userId,
      roleId: role.id,
      assignedById: ctx.principal.userId,
    })),
    skipDuplicates: true,
  });
  await assertAdminsRemain(ctx);
  const roleKeys = roles.map((role) => role.key);
  await recordActivity(ctx.db, ctx.actor, {
    action: "user.set_roles",
    entityType: "user",
    entityId: input.userId,
    before: { roles: user.roles.map((link) => link.role.key).sort() },
    after: { roles: roleKeys },
  });
  return { userId: input.userId, roleKeys };
}
