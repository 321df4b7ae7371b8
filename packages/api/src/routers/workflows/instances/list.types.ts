import { pageOutputSchema, ZPageInputSchema } from "@fastnext/core";
import { ZWorkflowInstanceViewSchema } from "@fastnext/core/workflows";
import { ZWorkflowInstanceListFiltersSchema } from "@fastnext/validators";

export const ZWorkflowsInstancesListInputSchema = ZPageInputSchema.extend(
  ZWorkflowInstanceListFiltersSchema.shape,
);

export const ZWorkflowsInstancesListOutputSchema = pageOutputSchema(ZWorkflowInstanceViewSchema);
