import { pageOutputSchema, serviceContext, ZPageInputSchema } from "@fastnext/core";
import { listProjects, ZProjectViewSchema } from "@fastnext/core/projects";
import { ZProjectListFiltersSchema } from "@fastnext/validators";

import { authedProcedure } from "../../trpc/procedures";

export const ZProjectListInputSchema = ZPageInputSchema.extend(ZProjectListFiltersSchema.shape);

/** Projects the caller can see (member, internal, or project.read_all), newest first. */
export const list = authedProcedure
  .input(ZProjectListInputSchema)
  .output(pageOutputSchema(ZProjectViewSchema))
  .query(({ ctx, input }) => listProjects(serviceContext(ctx), input));
