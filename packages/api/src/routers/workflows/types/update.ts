import { serviceContext } from "@fastnext/core";
import {
  updateWorkflowType,
  ZWorkflowTypeUpdateInputSchema,
  ZWorkflowTypeViewSchema,
} from "@fastnext/core/workflows";

import { permissionProcedure } from "../../../trpc/procedures";

export const update = permissionProcedure("workflow.manage")
  .input(ZWorkflowTypeUpdateInputSchema)
  .meta({
    openapi: {
      method: "PATCH",
      path: "/workflows/types/{id}",
      tags: ["workflows"],
      summary: "Change a workflow type",
    },
  })
  .output(ZWorkflowTypeViewSchema)
  .mutation(({ ctx, input }) => updateWorkflowType(serviceContext(ctx), input));
