import { ZProjectCreateInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../services/context";
import { createProject } from "../../services/projects/create";
import { ZProjectViewSchema } from "../../services/projects/view";
import { idempotent } from "../../trpc/idempotent";
import { permissionProcedure } from "../../trpc/procedures";

/** A new project; the caller becomes its owner. */
export const create = permissionProcedure("project.create")
  .concat(idempotent)
  .input(ZProjectCreateInputSchema)
  .output(ZProjectViewSchema)
  .mutation(({ ctx, input }) => createProject(serviceContext(ctx), input));
