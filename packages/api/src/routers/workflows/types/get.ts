import { serviceContext } from "@fastnext/core";
import { getWorkflowType, ZWorkflowTypeViewSchema } from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";
import { ZWorkflowIdInputSchema } from "../workflows.types";

export const get = authedProcedure
  .input(ZWorkflowIdInputSchema)
  .output(ZWorkflowTypeViewSchema)
  .query(({ ctx, input }) => getWorkflowType(serviceContext(ctx), input.id));
