import { z } from "zod";

/**
 * The queues, as the migration that creates them names them
 * (prisma/migrations/20261126070000_events_queue_notifications_email).
 * Creating a queue is DDL, so a new one needs a migration too.
 */
/** The PostgreSQL schema of the queue; the same as @fastnext/db/admin's QUEUE_SCHEMA (a test checks). */
export const QUEUE_SCHEMA = "pgboss";

export const QUEUES = {
  /** One job per domain event, enqueued by app.emit_event in the change's transaction. */
  dispatch: "events.dispatch",
  /** One job per (event, handler): each handler retries on its own. */
  handle: "events.handle",
  /** Scheduled: deletes expired tokens, sessions and challenges. */
  purge: "maintenance.purge",
  /** Scheduled: fires workflow time-outs that are due. */
  workflowTimeouts: "workflows.timeouts",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** What app.emit_event puts in a dispatch job. */
export const ZDispatchJobSchema = z.object({ eventId: z.uuid() });

/** What the dispatcher puts in a handler job. */
export const ZHandlerJobSchema = z.object({
  eventId: z.uuid(),
  handler: z.string().min(1).max(100),
});

export type DispatchJob = z.infer<typeof ZDispatchJobSchema>;
export type HandlerJob = z.infer<typeof ZHandlerJobSchema>;
