import { z } from "zod";

import { serviceContext } from "@fastnext/core";
import { deleteProject } from "@fastnext/core/projects";
import { ZProjectDeleteInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../trpc/procedures";
import { projectRole } from "../../trpc/project-role";

/** Owner or project.manage_all; refused while instances are open unless `force`. */
export const remove = authedProcedure
  .input(ZProjectDeleteInputSchema)
  .use(projectRole("owner", "id"))
  .output(z.object({ id: z.uuid() }))
  .mutation(({ ctx, input }) => deleteProject(serviceContext(ctx), input));
