import { pageOutputSchema, ZPageInputSchema } from "@fastnext/core";
import {
  ZWorkflowTemplateListFiltersSchema,
  ZWorkflowTemplateSummarySchema,
} from "@fastnext/core/workflows";

export const ZWorkflowsTemplatesListInputSchema = ZPageInputSchema.extend(
  ZWorkflowTemplateListFiltersSchema.shape,
);

export const ZWorkflowsTemplatesListOutputSchema = pageOutputSchema(ZWorkflowTemplateSummarySchema);
