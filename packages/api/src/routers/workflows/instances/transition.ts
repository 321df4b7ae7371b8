import { serviceContext } from "@fastnext/core";
import {
  transitionInstance,
  ZTransitionResultSchema,
  ZWorkflowTransitionInputSchema,
} from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";

/**
 * Fires a transition from the version the caller saw. CONFLICT
 * "stale_version" when someone moved it first; a retry with the same
 * idempotency key answers the first result again.
 */
export const transition = authedProcedure
  .input(ZWorkflowTransitionInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/workflows/instances/{instanceId}/transitions",
      tags: ["workflows"],
      summary: "Fire a transition",
    },
  })
  .output(ZTransitionResultSchema)
  .mutation(({ ctx, input }) => transitionInstance(serviceContext(ctx), input));
