import { z } from "zod";

import { ZTemplateStatusSchema } from "@fastnext/validators";
import { ZWorkflowDefinitionSchema } from "@fastnext/workflow";

import { parseStoredDefinition } from "../definition";

/** A template version without its definition: what lists show. */
export const ZWorkflowTemplateSummarySchema = z.object({
  id: z.uuid(),
  typeId: z.uuid(),
  key: z.string(),
  version: z.number().int(),
  name: z.string(),
  status: ZTemplateStatusSchema,
  publishedAt: z.date().nullable(),
  createdById: z.uuid().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const ZWorkflowTemplateViewSchema = ZWorkflowTemplateSummarySchema.extend({
  definition: ZWorkflowDefinitionSchema,
});

export type WorkflowTemplateSummary = z.infer<typeof ZWorkflowTemplateSummarySchema>;
export type WorkflowTemplateView = z.infer<typeof ZWorkflowTemplateViewSchema>;

export const templateSummarySelect = {
  id: true,
  typeId: true,
  key: true,
  version: true,
  name: true,
  status: true,
  publishedAt: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
} as const;

export const templateSelect = { ...templateSummarySelect, definition: true } as const;

export function toTemplateView(
  record: WorkflowTemplateSummary & { definition: unknown },
): WorkflowTemplateView {
  return { ...record, definition: parseStoredDefinition(record.definition) };
}
