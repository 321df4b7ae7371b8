import { ZWorkflowTypeListFiltersSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { listWorkflowTypes } from "../../../services/workflows/types/read";
import { ZWorkflowTypeViewSchema } from "../../../services/workflows/types/view";
import { pageOutputSchema, ZPageInputSchema } from "../../../shared/pagination";
import { authedProcedure } from "../../../trpc/procedures";

export const ZWorkflowTypeListInputSchema = ZPageInputSchema.extend(ZWorkflowTypeListFiltersSchema.shape);

export const list = authedProcedure
  .input(ZWorkflowTypeListInputSchema)
  .output(pageOutputSchema(ZWorkflowTypeViewSchema))
  .query(({ ctx, input }) => listWorkflowTypes(serviceContext(ctx), input));
