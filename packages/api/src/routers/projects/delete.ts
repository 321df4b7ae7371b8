import { serviceContext } from "@fastnext/core";
import { deleteProject, ZProjectDeleteInputSchema } from "@fastnext/core/projects";

import { authedProcedure } from "../../trpc/procedures";
import { projectRole } from "../../trpc/project-role";
import { ZProjectsDeleteOutputSchema } from "./delete.types";

/** Owner or project.manage_all; refused while instances are open unless `force`. */
export const remove = authedProcedure
  .input(ZProjectDeleteInputSchema)
  .use(projectRole("owner", "id"))
  .meta({
    openapi: {
      method: "DELETE",
      path: "/projects/{id}",
      tags: ["projects"],
      summary: "Delete a project",
    },
  })
  .output(ZProjectsDeleteOutputSchema)
  .mutation(({ ctx, input }) => deleteProject(serviceContext(ctx), input));
