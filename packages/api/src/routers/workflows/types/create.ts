import { serviceContext } from "@fastnext/core";
import { createWorkflowType, ZWorkflowTypeViewSchema } from "@fastnext/core/workflows";
import { ZWorkflowTypeCreateInputSchema } from "@fastnext/validators";

import { idempotent } from "../../../trpc/idempotent";
import { permissionProcedure } from "../../../trpc/procedures";

export const create = permissionProcedure("workflow.manage")
  .concat(idempotent)
  .input(ZWorkflowTypeCreateInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/workflows/types",
      tags: ["workflows"],
      summary: "Create a workflow type",
    },
  })
  .output(ZWorkflowTypeViewSchema)
  .mutation(({ ctx, input }) => createWorkflowType(serviceContext(ctx), input));
