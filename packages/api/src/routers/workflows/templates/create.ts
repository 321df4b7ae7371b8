import { serviceContext } from "@fastnext/core";
import { createTemplate, ZWorkflowTemplateViewSchema } from "@fastnext/core/workflows";
import { ZWorkflowTemplateCreateInputSchema } from "@fastnext/validators";

import { idempotent } from "../../../trpc/idempotent";
import { permissionProcedure } from "../../../trpc/procedures";

/** A new template key, version 1, as a draft. */
export const create = permissionProcedure("workflow.manage")
  .concat(idempotent)
  .input(ZWorkflowTemplateCreateInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/workflows/templates",
      tags: ["workflows"],
      summary: "Create a workflow template draft",
    },
  })
  .output(ZWorkflowTemplateViewSchema)
  .mutation(({ ctx, input }) => createTemplate(serviceContext(ctx), input));
