import { serviceContext } from "@fastnext/core";
import { updateWorkflowType, ZWorkflowTypeViewSchema } from "@fastnext/core/workflows";
import { ZWorkflowTypeUpdateInputSchema } from "@fastnext/validators";

import { permissionProcedure } from "../../../trpc/procedures";

export const update = permissionProcedure("workflow.manage")
  .input(ZWorkflowTypeUpdateInputSchema)
  .output(ZWorkflowTypeViewSchema)
  .mutation(({ ctx, input }) => updateWorkflowType(serviceContext(ctx), input));
