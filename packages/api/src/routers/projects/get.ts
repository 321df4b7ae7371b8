import { ZProjectIdInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../services/context";
import { getProject } from "../../services/projects/get";
import { ZProjectViewSchema } from "../../services/projects/view";
import { authedProcedure } from "../../trpc/procedures";

/** One project the caller can see; NOT_FOUND for everything else. */
export const get = authedProcedure
  .input(ZProjectIdInputSchema)
  .output(ZProjectViewSchema)
  .query(({ ctx, input }) => getProject(serviceContext(ctx), input.id));
