import { serviceContext } from "@fastnext/core";
import { getWorkflowType, ZWorkflowTypeViewSchema } from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";
import { ZWorkflowIdInputSchema } from "../workflows.types";

export const get = authedProcedure
  .input(ZWorkflowIdInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/workflows/types/{id}",
      tags: ["workflows"],
      summary: "One workflow type",
    },
  })
  .output(ZWorkflowTypeViewSchema)
  .query(({ ctx, input }) => getWorkflowType(serviceContext(ctx), input.id));
