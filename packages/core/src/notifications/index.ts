export { listNotifications, unreadCount, type NotificationListInput } from "./list";
export { liveNotifications, type LiveNotification, type LiveOptions } from "./live";
export { markAllRead, markRead } from "./mark-read";
export { NotificationHub, type NotificationHubOptions } from "./hub";
export { toNotificationView, ZNotificationViewSchema, type NotificationView } from "./view";
