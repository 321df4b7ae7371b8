import { pageOutputSchema, ZPageInputSchema } from "@fastnext/core";
import { ZWorkflowTemplateSummarySchema } from "@fastnext/core/workflows";
import { ZWorkflowTemplateListFiltersSchema } from "@fastnext/validators";

export const ZWorkflowsTemplatesListInputSchema = ZPageInputSchema.extend(
  ZWorkflowTemplateListFiltersSchema.shape,
);

export const ZWorkflowsTemplatesListOutputSchema = pageOutputSchema(ZWorkflowTemplateSummarySchema);
