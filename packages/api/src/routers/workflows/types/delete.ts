import { serviceContext } from "@fastnext/core";
import { deleteWorkflowType } from "@fastnext/core/workflows";
import { ZWorkflowIdInputSchema } from "@fastnext/validators";

import { permissionProcedure } from "../../../trpc/procedures";
import { ZWorkflowsTypesDeleteOutputSchema } from "./delete.types";

/** Refused while the type has templates. */
export const remove = permissionProcedure("workflow.manage")
  .input(ZWorkflowIdInputSchema)
  .output(ZWorkflowsTypesDeleteOutputSchema)
  .mutation(({ ctx, input }) => deleteWorkflowType(serviceContext(ctx), input.id));
