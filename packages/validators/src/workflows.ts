import { z } from "zod";

import { ZKeySchema, ZWorkflowDefinitionSchema } from "@fastnext/workflow";
import { bounded, ZTextSchema } from "./primitives";

import { ZIdempotencyKeySchema } from "./idempotency";

/*
 * Inputs of the workflow procedures. A template's definition is checked here
 * for shape only (so drafts can be saved half-finished but well-formed); the
 * rules spanning several parts (reachability, references between keys) are
 * checked when a version is published, where every problem is reported.
 */

export const TEMPLATE_STATUSES = ["draft", "published", "archived"] as const;
export const ZTemplateStatusSchema = z.enum(TEMPLATE_STATUSES);
export type TemplateStatus = z.infer<typeof ZTemplateStatusSchema>;

export const ZWorkflowKeySchema = ZKeySchema;
const ZWorkflowNameSchema = ZTextSchema.trim().min(1, "Required").max(120);
const ZWorkflowDescriptionSchema = ZTextSchema.trim().max(2000);

/*
 * A definition is nested (guards inside guards) and a data document is free
 * JSON until the service checks it: both are bounded before zod recurses
 * into them, which also checks every string in them, labels included.
 */
const ZDefinitionInputSchema = bounded(ZWorkflowDefinitionSchema, {
  maxDepth: 40,
  maxNodes: 20_000,
});

export const ZWorkflowIdInputSchema = z.object({ id: z.uuid() });

export const ZWorkflowTypeCreateInputSchema = z.object({
  key: ZWorkflowKeySchema,
  name: ZWorkflowNameSchema,
  description: ZWorkflowDescriptionSchema.default(""),
});

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

export const ZWorkflowTemplateCreateInputSchema = z.object({
  typeId: z.uuid(),
  key: ZWorkflowKeySchema,
  name: ZWorkflowNameSchema,
  definition: ZDefinitionInputSchema,
});

export const ZWorkflowTemplateUpdateInputSchema = z.object({
  id: z.uuid(),
  data: z
    .object({ name: ZWorkflowNameSchema.optional(), definition: ZDefinitionInputSchema.optional() })
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

/** A data document as sent: checked against the template's data fields by the service. */
export const ZWorkflowDataSchema = bounded(z.record(ZTextSchema.max(64), z.unknown()), {
  maxDepth: 4,
  maxNodes: 2_000,
});

export const ZWorkflowInstanceCreateInputSchema = z
  .object({
    projectId: z.uuid(),
    /** The newest published version of this key... */
    templateKey: ZWorkflowKeySchema.optional(),
    /** ...or exactly this (published) version. */
    templateId: z.uuid().optional(),
    title: ZTextSchema.trim().min(1, "Required").max(200),
    data: ZWorkflowDataSchema.default({}),
  })
  .superRefine((input, ctx) => {
    if ((input.templateKey === undefined) === (input.templateId === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["templateKey"],
        message: "Give either a template key or a template id",
      });
    }
  });

export const ZWorkflowInstanceListFiltersSchema = z.object({
  projectId: z.uuid().optional(),
  templateKey: ZWorkflowKeySchema.optional(),
  state: ZWorkflowKeySchema.optional(),
  assigneeId: z.uuid().optional(),
});

export const ZWorkflowInstanceIdInputSchema = z.object({ instanceId: z.uuid() });

export const ZWorkflowTransitionInputSchema = z.object({
  instanceId: z.uuid(),
  transitionKey: ZWorkflowKeySchema,
  /** The version the caller last saw: a move made since is reported, not overwritten. */
  expectedVersion: z.number().int().min(1),
  comment: ZTextSchema.trim().max(2000).optional(),
  /** Chosen by the client once per intended transition; a retry with it returns the first result. */
  idempotencyKey: ZIdempotencyKeySchema.optional(),
});

export const ZWorkflowAssignInputSchema = z.object({
  instanceId: z.uuid(),
  /** null: unassign. */
  assigneeId: z.uuid().nullable(),
  expectedVersion: z.number().int().min(1).optional(),
});

export const ZWorkflowAnalyticsInputSchema = z.object({
  templateKey: ZWorkflowKeySchema,
  projectId: z.uuid().optional(),
});

export type WorkflowTypeCreateInput = z.infer<typeof ZWorkflowTypeCreateInputSchema>;
export type WorkflowTypeUpdateInput = z.infer<typeof ZWorkflowTypeUpdateInputSchema>;
export type WorkflowTemplateCreateInput = z.infer<typeof ZWorkflowTemplateCreateInputSchema>;
export type WorkflowTemplateUpdateInput = z.infer<typeof ZWorkflowTemplateUpdateInputSchema>;
export type WorkflowTemplateListFilters = z.infer<typeof ZWorkflowTemplateListFiltersSchema>;
export type WorkflowInstanceCreateInput = z.infer<typeof ZWorkflowInstanceCreateInputSchema>;
export type WorkflowInstanceListFilters = z.infer<typeof ZWorkflowInstanceListFiltersSchema>;
export type WorkflowTransitionInput = z.infer<typeof ZWorkflowTransitionInputSchema>;
export type WorkflowAssignInput = z.infer<typeof ZWorkflowAssignInputSchema>;
export type WorkflowAnalyticsInput = z.infer<typeof ZWorkflowAnalyticsInputSchema>;
