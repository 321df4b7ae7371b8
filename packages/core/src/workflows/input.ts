import { z } from "zod";

import { ZWorkflowKeySchema } from "@fastnext/validators";

export const ZWorkflowAnalyticsInputSchema = z.object({
  templateKey: ZWorkflowKeySchema,
  projectId: z.uuid().optional(),
});

export type WorkflowAnalyticsInput = z.infer<typeof ZWorkflowAnalyticsInputSchema>;
