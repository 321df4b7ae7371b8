import { z } from "zod";

export const ZWorkflowTypeViewSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type WorkflowTypeView = z.infer<typeof ZWorkflowTypeViewSchema>;

export const workflowTypeSelect = {
  id: true,
  key: true,
  name: true,
  description: true,
  createdAt: true,
  updatedAt: true,
} as const;
