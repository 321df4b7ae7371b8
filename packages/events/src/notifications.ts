/**
 * The LISTEN/NOTIFY channel on which the worker wakes a user's open
 * subscriptions in every API process: after committing their new in-app
 * notifications, and whenever one of their transfers (export, import)
 * moves. One channel, one listening connection per process; the payload
 * says whose subscriptions of which topic to wake.
 */
export const NOTIFICATION_CHANNEL = "fastnext_notifications";

export type NotificationTopic = "notifications" | "transfers";

/**
 * The payload for `topic` and `userId`: the bare user id for notifications
 * (the original grammar, kept so a worker and an API of neighbouring
 * versions still understand each other), `transfer:<userId>` for transfers.
 */
export function notificationPayload(topic: NotificationTopic, userId: string): string {
  return topic === "notifications" ? userId : `transfer:${userId}`;
}

/** The topic and user a payload names; null for one this version does not know. */
export function parseNotificationPayload(
  payload: string,
): { topic: NotificationTopic; userId: string } | null {
  if (payload.startsWith("transfer:")) {
    const userId = payload.slice("transfer:".length);
    return userId ? { topic: "transfers", userId } : null;
  }
  return payload.includes(":") || payload.length === 0
    ? null
    : { topic: "notifications", userId: payload };
}
