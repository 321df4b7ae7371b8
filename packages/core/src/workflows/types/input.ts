import { z } from "zod";

import { ZTextSchema, ZWorkflowDescriptionSchema, ZWorkflowNameSchema } from "@fastnext/validators";

/** The key is permanent (templates and integrations refer to it); the rest may change. */
export const ZWorkflowTypeUpdateInputSchema = z.object({
  id: z.uuid(),
  data: z
    .object({
      name: ZWorkflowNameSchema.optional(),
      description: ZWorkflowDescriptionSchema.optional(),
    })
    .refine(
      (data) => data.name !== undefined || data.description !== undefined,
      "Change at least one field",
    ),
});

export const ZWorkflowTypeListFiltersSchema = z.object({
  search: ZTextSchema.trim().min(1).max(100).optional(),
});

export type WorkflowTypeUpdateInput = z.infer<typeof ZWorkflowTypeUpdateInputSchema>;
