import { ZWorkflowInstanceIdInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { listHistory, ZHistoryEntryViewSchema } from "../../../services/workflows/instances/history";
import { pageOutputSchema, ZPageInputSchema } from "../../../shared/pagination";
import { authedProcedure } from "../../../trpc/procedures";

export const ZHistoryInputSchema = ZPageInputSchema.extend(ZWorkflowInstanceIdInputSchema.shape);

export const history = authedProcedure
  .input(ZHistoryInputSchema)
  .output(pageOutputSchema(ZHistoryEntryViewSchema))
  .query(({ ctx, input }) => listHistory(serviceContext(ctx), input));
