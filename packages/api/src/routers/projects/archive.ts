import { serviceContext } from "@fastnext/core";
import { setProjectArchived, ZProjectViewSchema } from "@fastnext/core/projects";

import { authedProcedure } from "../../trpc/procedures";
import { projectRole } from "../../trpc/project-role";
import { ZProjectIdInputSchema } from "./projects.types";

/** Owner or project.manage_all: hides the project from the default list. */
export const archive = authedProcedure
  .input(ZProjectIdInputSchema)
  .use(projectRole("owner", "id"))
  .meta({
    openapi: {
      method: "POST",
      path: "/projects/{id}/archive",
      tags: ["projects"],
      summary: "Archive a project",
    },
  })
  .output(ZProjectViewSchema)
  .mutation(({ ctx }) => setProjectArchived(serviceContext(ctx), ctx.project, true));
