import { ZWorkflowTypeUpdateInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { ZWorkflowTypeViewSchema } from "../../../services/workflows/types/view";
import { updateWorkflowType } from "../../../services/workflows/types/write";
import { permissionProcedure } from "../../../trpc/procedures";

export const update = permissionProcedure("workflow.manage")
  .input(ZWorkflowTypeUpdateInputSchema)
  .output(ZWorkflowTypeViewSchema)
  .mutation(({ ctx, input }) => updateWorkflowType(serviceContext(ctx), input));
