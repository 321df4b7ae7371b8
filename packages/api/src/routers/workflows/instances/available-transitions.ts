import { serviceContext } from "@fastnext/core";
import { listAvailableTransitions } from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";
import { ZWorkflowsInstancesAvailableTransitionsOutputSchema } from "./available-transitions.types";
import { ZWorkflowInstanceIdInputSchema } from "./instances.types";

/** The transitions this caller may fire now (guard-blocked ones included, with the guard). */
export const availableTransitions = authedProcedure
  .input(ZWorkflowInstanceIdInputSchema)
  .output(ZWorkflowsInstancesAvailableTransitionsOutputSchema)
  .query(({ ctx, input }) => listAvailableTransitions(serviceContext(ctx), input.instanceId));
