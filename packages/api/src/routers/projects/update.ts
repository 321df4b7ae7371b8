import { ZProjectUpdateInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../services/context";
import { updateProject } from "../../services/projects/update";
import { ZProjectViewSchema } from "../../services/projects/view";
import { authedProcedure } from "../../trpc/procedures";

/** Editors and owners (or project.manage_all) change name, description and visibility. */
export const update = authedProcedure
  .input(ZProjectUpdateInputSchema)
  .output(ZProjectViewSchema)
  .mutation(({ ctx, input }) => updateProject(serviceContext(ctx), input));
