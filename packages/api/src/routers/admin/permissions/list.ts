import { serviceContext } from "@fastnext/core";
import { listPermissions } from "@fastnext/core/admin";

import { permissionProcedure } from "../../../trpc/procedures";
import { ZAdminPermissionsListOutputSchema } from "./list.types";

/** The catalogue grouped by category (small and fixed: not paged). */
export const list = permissionProcedure("role.read")
  .meta({
    openapi: {
      method: "GET",
      path: "/admin/permissions",
      tags: ["admin"],
      summary: "The permission catalogue",
    },
  })
  .output(ZAdminPermissionsListOutputSchema)
  .query(({ ctx }) => listPermissions(serviceContext(ctx)));
