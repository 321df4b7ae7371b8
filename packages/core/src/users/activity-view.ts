import { z } from "zod";

import { type Prisma } from "@fastnext/db";

/** One entry of the activity trail, as listed. */
export const ZActivityViewSchema = z.object({
  id: z.uuid(),
  actorId: z.uuid().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  /** The changed fields before and after, secrets already redacted at write time. */
  changes: z
    .object({ before: z.record(z.string(), z.unknown()), after: z.record(z.string(), z.unknown()) })
    .nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.date(),
});

export type ActivityView = z.infer<typeof ZActivityViewSchema>;

export const activityViewSelect = {
  id: true,
  actorId: true,
  action: true,
  entityType: true,
  entityId: true,
  changes: true,
  requestId: true,
  ip: true,
  userAgent: true,
  createdAt: true,
} as const satisfies Prisma.ActivitySelect;

type ActivityRow = Prisma.ActivityGetPayload<{ select: typeof activityViewSelect }>;

const ZChangesSchema = ZActivityViewSchema.shape.changes;

export function toActivityView(row: ActivityRow): ActivityView {
  // Stored JSON is read through its schema; anything unexpected shows as no diff.
  return { ...row, changes: ZChangesSchema.safeParse(row.changes).data ?? null };
}
