import { serviceContext } from "@fastnext/core";
import { archiveTemplate, ZWorkflowTemplateViewSchema } from "@fastnext/core/workflows";

import { permissionProcedure } from "../../../trpc/procedures";
import { ZWorkflowIdInputSchema } from "../workflows.types";

export const archive = permissionProcedure("workflow.manage")
  .input(ZWorkflowIdInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/workflows/templates/{id}/archive",
      tags: ["workflows"],
      summary: "Archive a workflow template",
    },
  })
  .output(ZWorkflowTemplateViewSchema)
  .mutation(({ ctx, input }) => archiveTemplate(serviceContext(ctx), input.id));
