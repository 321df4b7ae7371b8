import { pageOutputSchema, ZPageInputSchema } from "@fastnext/core";
import { ZWorkflowTypeViewSchema } from "@fastnext/core/workflows";
import { ZWorkflowTypeListFiltersSchema } from "@fastnext/validators";

export const ZWorkflowsTypesListInputSchema = ZPageInputSchema.extend(
  ZWorkflowTypeListFiltersSchema.shape,
);

export const ZWorkflowsTypesListOutputSchema = pageOutputSchema(ZWorkflowTypeViewSchema);
