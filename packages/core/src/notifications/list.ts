import { type Prisma, type ScopedDb } from "@fastnext/db";

import { type Principal } from "../access/principal";
import { type ServiceContext } from "../context";
import { keysetAfter, keysetOrderBy, NEWEST_FIRST } from "../pagination/keyset";
import { decodeCursor, toPage, type Page, type PageInput } from "../pagination/pagination";
import { notificationSelect, toNotificationView, type NotificationView } from "./view";

export interface NotificationListInput extends PageInput {
  /** Only notifications not yet read. */
  unread?: boolean;
}

/** The caller's notifications, newest first; keyset pagination on (createdAt, id). */
export async function listNotifications(
  { db, principal, deps }: ServiceContext,
  input: NotificationListInput,
): Promise<Page<NotificationView>> {
  const conditions: Prisma.NotificationWhereInput[] = [{ userId: principal.userId }];
  if (input.unread) conditions.push({ readAt: null });
  const after = decodeCursor(deps.cursors, input.cursor);
  if (after) conditions.push(keysetAfter(NEWEST_FIRST, after.at, after.id));
  const rows = await db.notification.findMany({
    where: { AND: conditions },
    orderBy: keysetOrderBy(NEWEST_FIRST),
    take: input.limit + 1,
    select: notificationSelect,
  });
  const page = toPage(deps.cursors, rows, input.limit, (row) => ({
    at: row.createdAt,
    id: row.id,
  }));
  return { items: page.items.map(toNotificationView), nextCursor: page.nextCursor };
}

/** How many of the caller's notifications are unread (a partial index keeps it cheap). */
export async function unreadCount(db: ScopedDb, principal: Principal): Promise<number> {
  return db.notification.count({ where: { userId: principal.userId, readAt: null } });
}
