import { ZWorkflowInstanceListFiltersSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { listInstances } from "../../../services/workflows/instances/list";
import { ZWorkflowInstanceViewSchema } from "../../../services/workflows/instances/view";
import { pageOutputSchema, ZPageInputSchema } from "../../../shared/pagination";
import { authedProcedure } from "../../../trpc/procedures";

export const ZWorkflowInstanceListInputSchema = ZPageInputSchema.extend(ZWorkflowInstanceListFiltersSchema.shape);

export const list = authedProcedure
  .input(ZWorkflowInstanceListInputSchema)
  .output(pageOutputSchema(ZWorkflowInstanceViewSchema))
  .query(({ ctx, input }) => listInstances(serviceContext(ctx), input));
