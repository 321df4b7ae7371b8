import { z } from "zod";

import { AppError } from "../../errors";
import { toUserView, userViewSelect, ZUserViewSchema } from "../../services/users/view";
import { authedProcedure } from "../../trpc/procedures";

export const me = authedProcedure
  .output(z.object({ user: ZUserViewSchema, roles: z.array(z.string()), permissions: z.array(z.string()) }))
  .query(async ({ ctx }) => {
    const user = await ctx.db.user.findUnique({ where: { id: ctx.principal.userId }, select: userViewSelect });
    if (!user) throw new AppError("NOT_FOUND", "No such user");
    return {
      user: toUserView(user, ctx.principal),
      roles: [...ctx.principal.roles],
      permissions: [...ctx.principal.permissions].sort(),
    };
  });
