import { serviceContext } from "@fastnext/core";
import { getInstance, ZWorkflowInstanceViewSchema } from "@fastnext/core/workflows";
import { ZWorkflowInstanceIdInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";

export const get = authedProcedure
  .input(ZWorkflowInstanceIdInputSchema)
  .output(ZWorkflowInstanceViewSchema)
  .query(({ ctx, input }) => getInstance(serviceContext(ctx), input.instanceId));
