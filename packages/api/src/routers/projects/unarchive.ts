import { serviceContext } from "@fastnext/core";
import { setProjectArchived, ZProjectViewSchema } from "@fastnext/core/projects";
import { ZProjectIdInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../trpc/procedures";
import { projectRole } from "../../trpc/project-role";

/** Owner or project.manage_all: brings an archived project back. */
export const unarchive = authedProcedure
  .input(ZProjectIdInputSchema)
  .use(projectRole("owner", "id"))
  .output(ZProjectViewSchema)
  .mutation(({ ctx }) => setProjectArchived(serviceContext(ctx), ctx.project, false));
