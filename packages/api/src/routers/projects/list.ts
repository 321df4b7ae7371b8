import { ZProjectListFiltersSchema } from "@fastnext/validators";

import { serviceContext } from "../../services/context";
import { listProjects } from "../../services/projects/list";
import { ZProjectViewSchema } from "../../services/projects/view";
import { pageOutputSchema, ZPageInputSchema } from "../../shared/pagination";
import { authedProcedure } from "../../trpc/procedures";

export const ZProjectListInputSchema = ZPageInputSchema.extend(ZProjectListFiltersSchema.shape);

/** Projects the caller can see (member, internal, or project.read_all), newest first. */
export const list = authedProcedure
  .input(ZProjectListInputSchema)
  .output(pageOutputSchema(ZProjectViewSchema))
  .query(({ ctx, input }) => listProjects(serviceContext(ctx), input));
