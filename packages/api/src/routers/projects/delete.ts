import { serviceContext } from "@fastnext/core";
import { deleteProject } from "@fastnext/core/projects";
import { ZProjectDeleteInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../trpc/procedures";
import { projectRole } from "../../trpc/project-role";
import { ZProjectsDeleteOutputSchema } from "./delete.types";

/** Owner or project.manage_all; refused while instances are open unless `force`. */
export const remove = authedProcedure
  .input(ZProjectDeleteInputSchema)
  .use(projectRole("owner", "id"))
  .output(ZProjectsDeleteOutputSchema)
  .mutation(({ ctx, input }) => deleteProject(serviceContext(ctx), input));
