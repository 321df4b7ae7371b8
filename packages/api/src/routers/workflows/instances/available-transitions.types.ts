import { z } from "zod";

export const ZWorkflowsInstancesAvailableTransitionsOutputSchema = z.object({
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
