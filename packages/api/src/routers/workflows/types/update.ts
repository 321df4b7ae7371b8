import { serviceContext } from "@fastnext/core";
import {
  updateWorkflowType,
  ZWorkflowTypeUpdateInputSchema,
  ZWorkflowTypeViewSchema,
} from "@fastnext/core/workflows";

import { permissionProcedure } from "../../../trpc/procedures";

export const update = permissionProcedure("workflow.manage")
  .input(ZWorkflowTypeUpdateInputSchema)
  .output(ZWorkflowTypeViewSchema)
  .mutation(({ ctx, input }) => updateWorkflowType(serviceContext(ctx), input));
