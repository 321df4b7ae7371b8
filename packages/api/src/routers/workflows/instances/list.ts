import { pageOutputSchema, serviceContext, ZPageInputSchema } from "@fastnext/core";
import { listInstances, ZWorkflowInstanceViewSchema } from "@fastnext/core/workflows";
import { ZWorkflowInstanceListFiltersSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";

export const ZWorkflowInstanceListInputSchema = ZPageInputSchema.extend(ZWorkflowInstanceListFiltersSchema.shape);

export const list = authedProcedure
  .input(ZWorkflowInstanceListInputSchema)
  .output(pageOutputSchema(ZWorkflowInstanceViewSchema))
  .query(({ ctx, input }) => listInstances(serviceContext(ctx), input));
