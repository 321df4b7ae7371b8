import { serviceContext } from "@fastnext/core";
import { updateUser, ZAdminUserViewSchema } from "@fastnext/core/admin";
import { ZAdminUserUpdateInputSchema } from "@fastnext/validators";

import { permissionProcedure } from "../../../trpc/procedures";

export const update = permissionProcedure("user.manage")
  .input(ZAdminUserUpdateInputSchema)
  .meta({
    openapi: {
      method: "PATCH",
      path: "/admin/users/{id}",
      tags: ["admin"],
      summary: "Change a user",
    },
  })
  .output(ZAdminUserViewSchema)
  .mutation(({ ctx, input }) => updateUser(serviceContext(ctx), input));
