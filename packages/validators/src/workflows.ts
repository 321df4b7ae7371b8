import { z } from "zod";

import { ZKeySchema, ZWorkflowDefinitionSchema } from "@fastnext/workflow";
import { bounded, ZTextSchema } from "./primitives";

/*
 * Workflow inputs the web app's forms reuse, and their parts. A template's
 * definition is checked here for shape only (so drafts can be saved
 * half-finished but well-formed); the rules spanning several parts
 * (reachability, references between keys) are checked when a version is
 * published, where every problem is reported.
 */

export const TEMPLATE_STATUSES = ["draft", "published", "archived"] as const;
export const ZTemplateStatusSchema = z.enum(TEMPLATE_STATUSES);
export type TemplateStatus = z.infer<typeof ZTemplateStatusSchema>;

export const ZWorkflowKeySchema = ZKeySchema;
export const ZWorkflowNameSchema = ZTextSchema.trim().min(1, "Required").max(120);
export const ZWorkflowDescriptionSchema = ZTextSchema.trim().max(2000);

/*
 * A definition is nested (guards inside guards) and a data document is free
 * JSON until the service checks it: both are bounded before zod recurses
 * into them, which also checks every string in them, labels included.
 */
export const ZWorkflowDefinitionInputSchema = bounded(ZWorkflowDefinitionSchema, {
  maxDepth: 40,
  maxNodes: 20_000,
});

export const ZWorkflowTypeCreateInputSchema = z.object({
  key: ZWorkflowKeySchema,
  name: ZWorkflowNameSchema,
  description: ZWorkflowDescriptionSchema.default(""),
});

export const ZWorkflowTemplateCreateInputSchema = z.object({
  typeId: z.uuid(),
  key: ZWorkflowKeySchema,
  name: ZWorkflowNameSchema,
  definition: ZWorkflowDefinitionInputSchema,
  /** The project whose own template this is (its owners define it); absent: installation-wide. */
  projectId: z.uuid().optional(),
});

/** A data document as sent: checked against the template's data fields by the service. */
export const ZWorkflowDataSchema = bounded(z.record(ZTextSchema.max(64), z.unknown()), {
  maxDepth: 4,
  maxNodes: 2_000,
});

export type WorkflowTypeCreateInput = z.infer<typeof ZWorkflowTypeCreateInputSchema>;
export type WorkflowTemplateCreateInput = z.infer<typeof ZWorkflowTemplateCreateInputSchema>;
