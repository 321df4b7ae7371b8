import { serviceContext } from "@fastnext/core";
import { setProjectArchived, ZProjectViewSchema } from "@fastnext/core/projects";
import { ZProjectIdInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../trpc/procedures";

/** Owner or project.manage_all: hides the project from the default list. */
export const archive = authedProcedure
  .input(ZProjectIdInputSchema)
  .output(ZProjectViewSchema)
  .mutation(({ ctx, input }) => setProjectArchived(serviceContext(ctx), input.id, true));
