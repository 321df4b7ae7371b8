import { serviceContext } from "@fastnext/core";
import { setUserActive, ZAdminUserViewSchema } from "@fastnext/core/admin";

import { permissionProcedure } from "../../../trpc/procedures";
import { ZAdminUsersSetActiveInputSchema } from "./set-active.types";

/** Deactivation ends the user's sessions at once and raises user.deactivated. */
export const setActive = permissionProcedure("user.manage")
  .input(ZAdminUsersSetActiveInputSchema)
  .meta({
    openapi: {
      method: "PUT",
      path: "/admin/users/{id}/active",
      tags: ["admin"],
      summary: "Activate or deactivate a user",
    },
  })
  .output(ZAdminUserViewSchema)
  .mutation(({ ctx, input }) => setUserActive(serviceContext(ctx), input));
