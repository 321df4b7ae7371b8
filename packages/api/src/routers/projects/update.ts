import { serviceContext } from "@fastnext/core";
import { updateProject, ZProjectViewSchema } from "@fastnext/core/projects";
import { ZProjectUpdateInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../trpc/procedures";
import { projectRole } from "../../trpc/project-role";

/** Editors and owners (or project.manage_all) change name, description and visibility. */
export const update = authedProcedure
  .input(ZProjectUpdateInputSchema)
  .use(projectRole("editor", "id"))
  .meta({
    openapi: {
      method: "PATCH",
      path: "/projects/{id}",
      tags: ["projects"],
      summary: "Change a project",
    },
  })
  .output(ZProjectViewSchema)
  .mutation(({ ctx, input }) => updateProject(serviceContext(ctx), input));
