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
  /** Only this project's own templates. */
  projectId: z.uuid().optional(),
  /** Only installation-wide templates, or only templates of projects. */
  scope: z.enum(["installation", "project"]).optional(),
});

export const ZProjectTemplateListInputSchema = z.object({ projectId: z.uuid() });

export const ZProjectTemplateToggleInputSchema = z.object({
  projectId: z.uuid(),
  templateKey: ZWorkflowKeySchema,
});

export type ProjectTemplateToggleInput = z.infer<typeof ZProjectTemplateToggleInputSchema>;

export type WorkflowTemplateUpdateInput = z.infer<typeof ZWorkflowTemplateUpdateInputSchema>;

export type WorkflowTemplateListFilters = z.infer<typeof ZWorkflowTemplateListFiltersSchema>;
