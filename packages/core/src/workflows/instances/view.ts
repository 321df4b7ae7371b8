import { z } from "zod";

import { type Prisma } from "@fastnext/db";

/** An instance's data document as stored: field key to value. */
export const ZDataDocumentSchema = z.record(z.string(), z.unknown());

export const ZWorkflowInstanceViewSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  templateId: z.uuid(),
  template: z.object({ key: z.string(), version: z.number().int(), name: z.string() }),
  title: z.string(),
  data: ZDataDocumentSchema,
  state: z.string(),
  /** Bumped by every change; a transition names the version it saw. */
  version: z.number().int(),
  assigneeId: z.uuid().nullable(),
  stateEnteredAt: z.date(),
  completedAt: z.date().nullable(),
  createdById: z.uuid().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type WorkflowInstanceView = z.infer<typeof ZWorkflowInstanceViewSchema>;

export const instanceSelect = {
  id: true,
  projectId: true,
  templateId: true,
  template: { select: { key: true, version: true, name: true } },
  title: true,
  data: true,
  state: true,
  version: true,
  assigneeId: true,
  stateEnteredAt: true,
  completedAt: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.WorkflowInstanceSelect;

export type InstanceRecord = Prisma.WorkflowInstanceGetPayload<{ select: typeof instanceSelect }>;

export function toInstanceView(record: InstanceRecord): WorkflowInstanceView {
  return { ...record, data: ZDataDocumentSchema.parse(record.data) };
}
