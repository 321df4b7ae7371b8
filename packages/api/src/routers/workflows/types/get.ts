import { serviceContext } from "@fastnext/core";
import { getWorkflowType, ZWorkflowTypeViewSchema } from "@fastnext/core/workflows";
import { ZWorkflowIdInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";

export const get = authedProcedure
  .input(ZWorkflowIdInputSchema)
  .output(ZWorkflowTypeViewSchema)
  .query(({ ctx, input }) => getWorkflowType(serviceContext(ctx), input.id));
