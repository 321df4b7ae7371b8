import { serviceContext } from "@fastnext/core";
import { listUsers } from "@fastnext/core/admin";

import { permissionProcedure } from "../../../trpc/procedures";
import { ZAdminUsersListInputSchema, ZAdminUsersListOutputSchema } from "./list.types";

export const list = permissionProcedure("user.read")
  .input(ZAdminUsersListInputSchema)
  .meta({
    openapi: { method: "GET", path: "/admin/users", tags: ["admin"], summary: "List users" },
  })
  .output(ZAdminUsersListOutputSchema)
  .query(({ ctx, input }) => listUsers(serviceContext(ctx), input));
