export * from "./catalogue";
export { emitEvent } from "./emit";
export { jobCounts, type JobCounts, type QueueCounts } from "./job-counts";
export {
  QUEUE_SCHEMA,
  QUEUES,
  ZDispatchJobSchema,
  ZHandlerJobSchema,
  type DispatchJob,
  type HandlerJob,
  type QueueName,
} from "./queues";
