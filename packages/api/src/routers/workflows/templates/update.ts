import { serviceContext } from "@fastnext/core";
import {
  updateTemplate,
  ZWorkflowTemplateUpdateInputSchema,
  ZWorkflowTemplateViewSchema,
} from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";

/**
 * Edits a draft in place; editing a published version returns a new draft version. The
 * template's scope decides who may: workflow.manage, or the owners of its project.
 */
export const update = authedProcedure
  .input(ZWorkflowTemplateUpdateInputSchema)
  .meta({
    openapi: {
      method: "PATCH",
      path: "/workflows/templates/{id}",
      tags: ["workflows"],
      summary: "Change a workflow template draft",
    },
  })
  .output(ZWorkflowTemplateViewSchema)
  .mutation(({ ctx, input }) => updateTemplate(serviceContext(ctx), input));
