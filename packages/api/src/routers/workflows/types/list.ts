import { pageOutputSchema, serviceContext, ZPageInputSchema } from "@fastnext/core";
import { listWorkflowTypes, ZWorkflowTypeViewSchema } from "@fastnext/core/workflows";
import { ZWorkflowTypeListFiltersSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";

export const ZWorkflowTypeListInputSchema = ZPageInputSchema.extend(ZWorkflowTypeListFiltersSchema.shape);

export const list = authedProcedure
  .input(ZWorkflowTypeListInputSchema)
  .output(pageOutputSchema(ZWorkflowTypeViewSchema))
  .query(({ ctx, input }) => listWorkflowTypes(serviceContext(ctx), input));
