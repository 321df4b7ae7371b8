import { ZWorkflowInstanceIdInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { getInstance } from "../../../services/workflows/instances/get";
import { ZWorkflowInstanceViewSchema } from "../../../services/workflows/instances/view";
import { authedProcedure } from "../../../trpc/procedures";

export const get = authedProcedure
  .input(ZWorkflowInstanceIdInputSchema)
  .output(ZWorkflowInstanceViewSchema)
  .query(({ ctx, input }) => getInstance(serviceContext(ctx), input.instanceId));
