import { pageOutputSchema, ZPageInputSchema } from "@fastnext/core";
import {
  ZWorkflowInstanceListFiltersSchema,
  ZWorkflowInstanceViewSchema,
} from "@fastnext/core/workflows";

export const ZWorkflowsInstancesListInputSchema = ZPageInputSchema.extend(
  ZWorkflowInstanceListFiltersSchema.shape,
);

export const ZWorkflowsInstancesListOutputSchema = pageOutputSchema(ZWorkflowInstanceViewSchema);
