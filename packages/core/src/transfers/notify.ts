import { NOTIFICATION_CHANNEL, notificationPayload } from "@fastnext/events";
import { type ScopedDb } from "@fastnext/db";

/**
 * Wakes the live progress streams of `userId` in every API process (once
 * the surrounding transaction commits; at once outside one).
 */
export async function notifyTransferChanged(
  db: Pick<ScopedDb, "$executeRaw">,
  userId: string,
): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${NOTIFICATION_CHANNEL}, ${notificationPayload("transfers", userId)})`;
}
