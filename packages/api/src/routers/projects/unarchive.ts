import { serviceContext } from "@fastnext/core";
import { setProjectArchived, ZProjectViewSchema } from "@fastnext/core/projects";
import { ZProjectIdInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../trpc/procedures";

/** Owner or project.manage_all: brings an archived project back. */
export const unarchive = authedProcedure
  .input(ZProjectIdInputSchema)
  .output(ZProjectViewSchema)
  .mutation(({ ctx, input }) => setProjectArchived(serviceContext(ctx), input.id, false));
