import { ZProjectIdInputSchema } from "@fastnext/validators";

import { setProjectArchived } from "../../services/projects/archive";
import { serviceContext } from "../../services/context";
import { ZProjectViewSchema } from "../../services/projects/view";
import { authedProcedure } from "../../trpc/procedures";

/** Owner or project.manage_all: hides the project from the default list. */
export const archive = authedProcedure
  .input(ZProjectIdInputSchema)
  .output(ZProjectViewSchema)
  .mutation(({ ctx, input }) => setProjectArchived(serviceContext(ctx), input.id, true));
