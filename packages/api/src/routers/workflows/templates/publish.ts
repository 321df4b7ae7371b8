import { serviceContext } from "@fastnext/core";
import { publishTemplate, ZWorkflowTemplateViewSchema } from "@fastnext/core/workflows";

import { permissionProcedure } from "../../../trpc/procedures";
import { ZWorkflowIdInputSchema } from "../workflows.types";

/** BAD_REQUEST "invalid_definition" with every problem when the definition does not hold together. */
export const publish = permissionProcedure("workflow.manage")
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
