import { z } from "zod";

import { getRole } from "../../../services/admin/roles/read";
import { ZRoleViewSchema } from "../../../services/admin/roles/view";
import { serviceContext } from "../../../services/context";
import { permissionProcedure } from "../../../trpc/procedures";

export const get = permissionProcedure("role.read")
  .input(z.object({ id: z.uuid() }))
  .output(ZRoleViewSchema)
  .query(({ ctx, input }) => getRole(serviceContext(ctx), input.id));
