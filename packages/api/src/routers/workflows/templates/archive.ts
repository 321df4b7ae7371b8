import { serviceContext } from "@fastnext/core";
import { archiveTemplate, ZWorkflowTemplateViewSchema } from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";
import { ZWorkflowIdInputSchema } from "../workflows.types";

/** Retires a version; who may follows the template's scope, as for publishing. */
export const archive = authedProcedure
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
