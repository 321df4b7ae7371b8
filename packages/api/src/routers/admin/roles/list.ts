import { serviceContext, ZPageInputSchema } from "@fastnext/core";
import { listRoles } from "@fastnext/core/admin";

import { permissionProcedure } from "../../../trpc/procedures";
import { ZAdminRolesListOutputSchema } from "./list.types";

export const list = permissionProcedure("role.read")
  .input(ZPageInputSchema)
  .meta({
    openapi: { method: "GET", path: "/admin/roles", tags: ["admin"], summary: "List roles" },
  })
  .output(ZAdminRolesListOutputSchema)
  .query(({ ctx, input }) => listRoles(serviceContext(ctx), input));
