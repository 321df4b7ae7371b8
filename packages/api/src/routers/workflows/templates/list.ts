import { ZWorkflowTemplateListFiltersSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { listTemplates } from "../../../services/workflows/templates/read";
import { ZWorkflowTemplateSummarySchema } from "../../../services/workflows/templates/view";
import { pageOutputSchema, ZPageInputSchema } from "../../../shared/pagination";
import { authedProcedure } from "../../../trpc/procedures";

export const ZWorkflowTemplateListInputSchema = ZPageInputSchema.extend(ZWorkflowTemplateListFiltersSchema.shape);

/** Template versions without their definitions, newest first. */
export const list = authedProcedure
  .input(ZWorkflowTemplateListInputSchema)
  .output(pageOutputSchema(ZWorkflowTemplateSummarySchema))
  .query(({ ctx, input }) => listTemplates(serviceContext(ctx), input));
