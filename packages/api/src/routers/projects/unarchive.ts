import { serviceContext } from "@fastnext/core";
import { setProjectArchived, ZProjectViewSchema } from "@fastnext/core/projects";

import { authedProcedure } from "../../trpc/procedures";
import { projectRole } from "../../trpc/project-role";
import { ZProjectIdInputSchema } from "./projects.types";

/** Owner or project.manage_all: brings an archived project back. */
export const unarchive = authedProcedure
  .input(ZProjectIdInputSchema)
  .use(projectRole("owner", "id"))
  .meta({
    openapi: {
      method: "POST",
      path: "/projects/{id}/unarchive",
      tags: ["projects"],
      summary: "Restore an archived project",
    },
  })
  .output(ZProjectViewSchema)
  .mutation(({ ctx }) => setProjectArchived(serviceContext(ctx), ctx.project, false));
