import { ZProjectIdInputSchema } from "@fastnext/validators";

import { setProjectArchived } from "../../services/projects/archive";
import { serviceContext } from "../../services/context";
import { ZProjectViewSchema } from "../../services/projects/view";
import { authedProcedure } from "../../trpc/procedures";

/** Owner or project.manage_all: brings an archived project back. */
export const unarchive = authedProcedure
  .input(ZProjectIdInputSchema)
  .output(ZProjectViewSchema)
  .mutation(({ ctx, input }) => setProjectArchived(serviceContext(ctx), input.id, false));
