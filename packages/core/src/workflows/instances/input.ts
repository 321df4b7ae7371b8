import { z } from "zod";

import {
  ZIdempotencyKeySchema,
  ZTextSchema,
  ZWorkflowDataSchema,
  ZWorkflowKeySchema,
} from "@fastnext/validators";

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
  /** Words anywhere in the title, case-insensitive. */
  search: ZTextSchema.trim().min(1).max(100).optional(),
});

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

export type WorkflowInstanceCreateInput = z.infer<typeof ZWorkflowInstanceCreateInputSchema>;

export type WorkflowInstanceListFilters = z.infer<typeof ZWorkflowInstanceListFiltersSchema>;

export type WorkflowTransitionInput = z.infer<typeof ZWorkflowTransitionInputSchema>;

export type WorkflowAssignInput = z.infer<typeof ZWorkflowAssignInputSchema>;
