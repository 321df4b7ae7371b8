import { serviceContext } from "@fastnext/core";
import { getUser, ZAdminUserViewSchema } from "@fastnext/core/admin";

import { permissionProcedure } from "../../../trpc/procedures";
import { ZAdminUsersGetInputSchema } from "./get.types";

export const get = permissionProcedure("user.read")
  .input(ZAdminUsersGetInputSchema)
  .meta({
    openapi: { method: "GET", path: "/admin/users/{id}", tags: ["admin"], summary: "One user" },
  })
  .output(ZAdminUserViewSchema)
  .query(({ ctx, input }) => getUser(serviceContext(ctx), input.id));
