import { pageOutputSchema, serviceContext, ZPageInputSchema } from "@fastnext/core";
import { listTemplates, ZWorkflowTemplateSummarySchema } from "@fastnext/core/workflows";
import { ZWorkflowTemplateListFiltersSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";

export const ZWorkflowTemplateListInputSchema = ZPageInputSchema.extend(ZWorkflowTemplateListFiltersSchema.shape);

/** Template versions without their definitions, newest first. */
export const list = authedProcedure
  .input(ZWorkflowTemplateListInputSchema)
  .output(pageOutputSchema(ZWorkflowTemplateSummarySchema))
  .query(({ ctx, input }) => listTemplates(serviceContext(ctx), input));
