import { serviceContext } from "@fastnext/core";
import { setProjectArchived, ZProjectViewSchema } from "@fastnext/core/projects";

import { authedProcedure } from "../../trpc/procedures";
import { projectRole } from "../../trpc/project-role";
import { ZProjectIdInputSchema } from "./projects.types";

/** Owner or project.manage_all: brings an archived project back. */
export const unarchive = authedProcedure
  .input(ZProjectIdInputSchema)
  .use(projectRole("owner", "id"))
  .output(ZProjectViewSchema)
  .mutation(({ ctx }) => setProjectArchived(serviceContext(ctx), ctx.project, false));
