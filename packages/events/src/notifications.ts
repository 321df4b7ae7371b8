/**
 * The LISTEN/NOTIFY channel on which the worker, having committed a user's
 * new in-app notifications, wakes that user's open subscriptions in every
 * API process. The payload is the user id.
 */
export const NOTIFICATION_CHANNEL = "fastnext_notifications";
