import { z } from "zod";

import { ZProjectDeleteInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../services/context";
import { deleteProject } from "../../services/projects/delete";
import { authedProcedure } from "../../trpc/procedures";

/** Owner or project.manage_all; refused while instances are open unless `force`. */
export const remove = authedProcedure
  .input(ZProjectDeleteInputSchema)
  .output(z.object({ id: z.uuid() }))
  .mutation(({ ctx, input }) => deleteProject(serviceContext(ctx), input));
