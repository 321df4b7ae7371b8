import { serviceContext } from "@fastnext/core";
import { listAvailableTransitions } from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";
import { ZWorkflowsInstancesAvailableTransitionsOutputSchema } from "./available-transitions.types";
import { ZWorkflowInstanceIdInputSchema } from "./instances.types";

/** The transitions this caller may fire now (guard-blocked ones included, with the guard). */
export const availableTransitions = authedProcedure
  .input(ZWorkflowInstanceIdInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/workflows/instances/{instanceId}/transitions",
      tags: ["workflows"],
      summary: "Transitions the caller may fire now",
    },
  })
  .output(ZWorkflowsInstancesAvailableTransitionsOutputSchema)
  .query(({ ctx, input }) => listAvailableTransitions(serviceContext(ctx), input.instanceId));
