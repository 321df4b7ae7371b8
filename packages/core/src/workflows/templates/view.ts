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
  /** The project it belongs to and is usable in; null: installation-wide. */
  projectId: z.uuid().nullable(),
  createdById: z.uuid().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const ZWorkflowTemplateViewSchema = ZWorkflowTemplateSummarySchema.extend({
  definition: ZWorkflowDefinitionSchema,
});

/** A template key as one project sees it: what its picker offers and its settings switch. */
export const ZProjectTemplateViewSchema = z.object({
  key: z.string(),
  /** The newest version's name. */
  name: z.string(),
  typeId: z.uuid(),
  scope: z.enum(["installation", "project"]),
  /** The newest version, whatever its status (what an editor of the template opens). */
  latest: z.object({ id: z.uuid(), version: z.number().int(), status: ZTemplateStatusSchema }),
  /** The newest published version: what a new item starts on; null when none is published. */
  published: z.object({ id: z.uuid(), version: z.number().int() }).nullable(),
  /** Installation templates: the owners' switch. A project's own templates are always on. */
  enabled: z.boolean(),
  /** Enabled and published: new items may start on it. */
  usable: z.boolean(),
});

export type ProjectTemplateView = z.infer<typeof ZProjectTemplateViewSchema>;

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
  projectId: true,
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
