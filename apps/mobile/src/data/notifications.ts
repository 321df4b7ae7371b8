/**
 * How often the unread count is asked for while the app is in front. The
 * API's live stream (notifications.onNew) is server-sent events, which React
 * Native's fetch cannot read; polling is the fallback, and it stops while
 * the app is in the background (react-query's focus follows AppState).
 */
export const UNREAD_POLL_MS = 15_000;

export const unreadCountKey = ["notifications.unreadCount"] as const;
export const notificationListKey = ["notifications.list"] as const;
