import { serviceContext } from "@fastnext/core";
import { getInstance, ZWorkflowInstanceViewSchema } from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";
import { ZWorkflowInstanceIdInputSchema } from "./instances.types";

export const get = authedProcedure
  .input(ZWorkflowInstanceIdInputSchema)
  .output(ZWorkflowInstanceViewSchema)
  .query(({ ctx, input }) => getInstance(serviceContext(ctx), input.instanceId));
