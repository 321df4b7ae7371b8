import { serviceContext } from "@fastnext/core";
import { deleteWorkflowType } from "@fastnext/core/workflows";

import { permissionProcedure } from "../../../trpc/procedures";
import { ZWorkflowsTypesDeleteOutputSchema } from "./delete.types";
import { ZWorkflowIdInputSchema } from "../workflows.types";

/** Refused while the type has templates. */
export const remove = permissionProcedure("workflow.manage")
  .input(ZWorkflowIdInputSchema)
  .meta({
    openapi: {
      method: "DELETE",
      path: "/workflows/types/{id}",
      tags: ["workflows"],
      summary: "Delete a workflow type without templates",
    },
  })
  .output(ZWorkflowsTypesDeleteOutputSchema)
  .mutation(({ ctx, input }) => deleteWorkflowType(serviceContext(ctx), input.id));
