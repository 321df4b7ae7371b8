import { pageOutputSchema, serviceContext, ZPageInputSchema } from "@fastnext/core";
import { listHistory, ZHistoryEntryViewSchema } from "@fastnext/core/workflows";
import { ZWorkflowInstanceIdInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";

export const ZHistoryInputSchema = ZPageInputSchema.extend(ZWorkflowInstanceIdInputSchema.shape);

export const history = authedProcedure
  .input(ZHistoryInputSchema)
  .output(pageOutputSchema(ZHistoryEntryViewSchema))
  .query(({ ctx, input }) => listHistory(serviceContext(ctx), input));
