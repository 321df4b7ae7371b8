import { serviceContext } from "@fastnext/core";
import { createTemplate, ZWorkflowTemplateViewSchema } from "@fastnext/core/workflows";
import { ZWorkflowTemplateCreateInputSchema } from "@fastnext/validators";

import { idempotent } from "../../../trpc/idempotent";
import { authedProcedure } from "../../../trpc/procedures";

/**
 * A new template key, version 1, as a draft. With `projectId` it is that
 * project's own (its owners); without, installation-wide (workflow.manage).
 * The service checks which, since the scope is in the input.
 */
export const create = authedProcedure
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
