import { serviceContext } from "@fastnext/core";
import { publishTemplate, ZWorkflowTemplateViewSchema } from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";
import { ZWorkflowIdInputSchema } from "../workflows.types";

/**
 * BAD_REQUEST "invalid_definition" with every problem when the definition does not hold
 * together. Who may publish follows the template's scope (workflow.manage, or its project's owners).
 */
export const publish = authedProcedure
  .input(ZWorkflowIdInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/workflows/templates/{id}/publish",
      tags: ["workflows"],
      summary: "Publish a workflow template draft",
    },
  })
  .output(ZWorkflowTemplateViewSchema)
  .mutation(({ ctx, input }) => publishTemplate(serviceContext(ctx), input.id));
