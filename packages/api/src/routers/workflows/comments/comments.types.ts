import { z } from "zod";

import { pageOutputSchema, ZPageInputSchema } from "@fastnext/core";
import { ZCommentViewSchema } from "@fastnext/core/workflows";

import { ZWorkflowInstanceIdInputSchema } from "../instances/instances.types";

export const ZWorkflowsCommentsListInputSchema = ZPageInputSchema.extend(
  ZWorkflowInstanceIdInputSchema.shape,
);

export const ZWorkflowsCommentsListOutputSchema = pageOutputSchema(ZCommentViewSchema);

/** The input of the procedures that name one comment by its id and nothing else. */
export const ZWorkflowsCommentIdInputSchema = z.object({ id: z.uuid() });

export const ZWorkflowsCommentsDeleteOutputSchema = z.object({ ok: z.literal(true) });
