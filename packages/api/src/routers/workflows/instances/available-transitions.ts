import { z } from "zod";

import { serviceContext } from "@fastnext/core";
import { listAvailableTransitions } from "@fastnext/core/workflows";
import { ZWorkflowInstanceIdInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";

export const ZAvailableTransitionsOutputSchema = z.object({
  instanceId: z.uuid(),
  state: z.string(),
  version: z.number().int(),
  transitions: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      to: z.string(),
      requiresComment: z.boolean(),
      blockedBy: z.object({ guard: z.string() }).optional(),
    }),
  ),
});

/** The transitions this caller may fire now (guard-blocked ones included, with the guard). */
export const availableTransitions = authedProcedure
  .input(ZWorkflowInstanceIdInputSchema)
  .output(ZAvailableTransitionsOutputSchema)
  .query(({ ctx, input }) => listAvailableTransitions(serviceContext(ctx), input.instanceId));
