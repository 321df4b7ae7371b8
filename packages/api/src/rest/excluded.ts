/**
 * Procedures with no REST operation, each for a reason of transport: the
 * router guard test fails on any other procedure without `openapi` meta.
 * Keep this list short; a procedure a client may call belongs on REST.
 */
export const REST_EXCLUDED_PROCEDURES: readonly string[] = [
  // A live stream (server-sent events through tRPC's subscription link); OpenAPI 3 has no subscriptions.
  "notifications.onNew",
  "transfers.onProgress",
];
