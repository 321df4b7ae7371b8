import { z } from "zod";

import {
  ZWorkflowDefinitionInputSchema,
  ZTemplateStatusSchema,
  ZWorkflowKeySchema,
  ZWorkflowNameSchema,
} from "@fastnext/validators";

export const ZWorkflowTemplateUpdateInputSchema = z.object({
  id: z.uuid(),
  data: z
    .object({
      name: ZWorkflowNameSchema.optional(),
      definition: ZWorkflowDefinitionInputSchema.optional(),
    })
    .refine(
      (data) => data.name !== undefined || data.definition !== undefined,
      "Change at least one field",
    ),
});

export const ZWorkflowTemplateListFiltersSchema = z.object({
  typeId: z.uuid().optional(),
  key: ZWorkflowKeySchema.optional(),
  status: ZTemplateStatusSchema.optional(),
});

export type WorkflowTemplateUpdateInput = z.infer<typeof ZWorkflowTemplateUpdateInputSchema>;

export type WorkflowTemplateListFilters = z.infer<typeof ZWorkflowTemplateListFiltersSchema>;
