import { listRoles } from "../../../services/admin/roles/read";
import { ZRoleViewSchema } from "../../../services/admin/roles/view";
import { serviceContext } from "../../../services/context";
import { pageOutputSchema, ZPageInputSchema } from "../../../shared/pagination";
import { permissionProcedure } from "../../../trpc/procedures";

export const list = permissionProcedure("role.read")
  .input(ZPageInputSchema)
  .output(pageOutputSchema(ZRoleViewSchema))
  .query(({ ctx, input }) => listRoles(serviceContext(ctx), input));
