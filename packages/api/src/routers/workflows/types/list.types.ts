import { pageOutputSchema, ZPageInputSchema } from "@fastnext/core";
import { ZWorkflowTypeListFiltersSchema, ZWorkflowTypeViewSchema } from "@fastnext/core/workflows";

export const ZWorkflowsTypesListInputSchema = ZPageInputSchema.extend(
  ZWorkflowTypeListFiltersSchema.shape,
);

export const ZWorkflowsTypesListOutputSchema = pageOutputSchema(ZWorkflowTypeViewSchema);
