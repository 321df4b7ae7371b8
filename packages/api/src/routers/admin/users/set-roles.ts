import { z } from "zod";

import { AppError } from "../../../errors";
import { permissionProcedure } from "../../../trpc/procedures";

export const ZSetRolesInputSchema = z.object({
  userId: z.uuid(),
  roleKeys: z.array(z.string().min(1).max(64)).max(50),
});

/**
 * Replaces a user's roles. Takes effect on the user's next request: the
 * principal is loaded from the database on every request.
 */
export const setRoles = permissionProcedure("role.manage")
  .input(ZSetRolesInputSchema)
  .output(z.object({ userId: z.uuid(), roleKeys: z.array(z.string()) }))
  .mutation(async ({ ctx, input }) => {
    const user = await ctx.db.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!user) throw new AppError("NOT_FOUND", "No such user");
    const keys = [...new Set(input.roleKeys)].sort();
    const roles = await ctx.db.role.findMany({ where: { key: { in: keys } }, select: { id: true, key: true } });
    const unknown = keys.filter((key) => !roles.some((role) => role.key === key));
    if (unknown.length > 0) {
      throw new AppError("VALIDATION", "Unknown roles", {
        fieldErrors: { roleKeys: unknown.map((key) => `Unknown role "${key}"`) },
      });
    }
    await ctx.db.userRole.deleteMany({ where: { userId: input.userId, roleId: { notIn: roles.map((r) => r.id) } } });
    await ctx.db.userRole.createMany({
      data: roles.map((role) => ({ userId: input.userId, roleId: role.id, assignedById: ctx.principal.userId })),
      skipDuplicates: true,
    });
    return { userId: input.userId, roleKeys: keys };
  });
