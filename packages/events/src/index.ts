export * from "./catalogue";
export { emitEvent } from "./emit";
export { NOTIFICATION_CHANNEL } from "./notifications";
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
  type DispatchJob,
  type HandlerJob,
  type QueueName,
} from "./queues";
