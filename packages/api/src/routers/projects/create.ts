import { serviceContext } from "@fastnext/core";
import { createProject, ZProjectViewSchema } from "@fastnext/core/projects";
import { ZProjectCreateInputSchema } from "@fastnext/validators";

import { idempotent } from "../../trpc/idempotent";
import { permissionProcedure } from "../../trpc/procedures";

/** A new project; the caller becomes its owner. */
export const create = permissionProcedure("project.create")
  .concat(idempotent)
  .input(ZProjectCreateInputSchema)
  .meta({
    openapi: { method: "POST", path: "/projects", tags: ["projects"], summary: "Create a project" },
  })
  .output(ZProjectViewSchema)
  .mutation(({ ctx, input }) => createProject(serviceContext(ctx), input));
