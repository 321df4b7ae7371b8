import { serviceContext } from "@fastnext/core";
import { getTemplate, ZWorkflowTemplateViewSchema } from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";
import { ZWorkflowIdInputSchema } from "../workflows.types";

export const get = authedProcedure
  .input(ZWorkflowIdInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/workflows/templates/{id}",
      tags: ["workflows"],
      summary: "One workflow template with its definition",
    },
  })
  .output(ZWorkflowTemplateViewSchema)
  .query(({ ctx, input }) => getTemplate(serviceContext(ctx), input.id));
