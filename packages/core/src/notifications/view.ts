import { z } from "zod";

import { type Prisma } from "@fastnext/db";

export const notificationSelect = {
  id: true,
  kind: true,
  title: true,
  body: true,
  data: true,
  readAt: true,
  createdAt: true,
} as const satisfies Prisma.NotificationSelect;

export type NotificationRow = Prisma.NotificationGetPayload<{ select: typeof notificationSelect }>;

export const ZNotificationViewSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** Ids to link to (projectId, instanceId, ...). */
  data: z.record(z.string(), z.string()),
  readAt: z.date().nullable(),
  createdAt: z.date(),
});

export type NotificationView = z.infer<typeof ZNotificationViewSchema>;

const ZDataSchema = z.record(z.string(), z.string()).catch({});

/** The stored row as clients see it; `data` keeps only string ids, whatever the column holds. */
export function toNotificationView(row: NotificationRow): NotificationView {
  return { ...row, data: ZDataSchema.parse(row.data) };
}
