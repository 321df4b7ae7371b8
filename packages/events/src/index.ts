export * from "./catalogue";
export { emitEvent } from "./emit";
export { inTransaction, queueClient } from "./queue-client";
export {
  NOTIFICATION_CHANNEL,
  notificationPayload,
  parseNotificationPayload,
  type NotificationTopic,
} from "./notifications";
export {
  contextOfStoredTrace,
  currentTraceContext,
  type StoredTraceContext,
} from "./trace-context";
export {
  jobCounts,
  jobsByQueueAndState,
  type JobCounts,
  type QueueCounts,
  type QueueStateCount,
} from "./job-counts";
export {
  QUEUES,
  ZDispatchJobSchema,
  ZHandlerJobSchema,
  ZTransferJobSchema,
  ZWebhookDeliveryJobSchema,
  type DispatchJob,
  type TransferJob,
  type HandlerJob,
  type WebhookDeliveryJob,
  type QueueName,
} from "./queues";
