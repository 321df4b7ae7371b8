import { ZWorkflowTypeCreateInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { ZWorkflowTypeViewSchema } from "../../../services/workflows/types/view";
import { createWorkflowType } from "../../../services/workflows/types/write";
import { idempotent } from "../../../trpc/idempotent";
import { permissionProcedure } from "../../../trpc/procedures";

export const create = permissionProcedure("workflow.manage")
  .concat(idempotent)
  .input(ZWorkflowTypeCreateInputSchema)
  .output(ZWorkflowTypeViewSchema)
  .mutation(({ ctx, input }) => createWorkflowType(serviceContext(ctx), input));
