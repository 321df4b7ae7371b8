import { z } from "zod";

/**
 * The queues, as the migration that creates them names them
 * (prisma/migrations/20261126070000_events_queue_notifications_email;
 * the dispatch queue is also named by the policies that let the
 * application role enqueue, 20261202070000). Creating a queue is DDL, so a
 * new one needs a migration too; the events test checks the database holds
 * every queue named here.
 */
export const QUEUES = {
  /** One job per domain event, enqueued by emitEvent in the change's transaction, under the event's id. */
  dispatch: "events.dispatch",
  /** One job per (event, handler): each handler retries on its own. */
  handle: "events.handle",
  /** Scheduled: deletes expired tokens, sessions and challenges. */
  purge: "maintenance.purge",
  /** Scheduled: fires workflow time-outs that are due. */
  workflowTimeouts: "workflows.timeouts",
  /**
   * One job per webhook delivery (a redelivery is a new job for the same
   * delivery). The queue's retries are the delivery's retries, with
   * exponential back-off and jitter.
   */
  webhookDelivery: "webhooks.deliver",
  /** One job per export or import (queued by the worker when the request's event is handled). */
  transfers: "transfers.run",
  /** Scheduled: removes the stored files of expired exports. */
  transferCleanup: "transfers.cleanup",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** What emitEvent puts in a dispatch job. */
export const ZDispatchJobSchema = z.object({ eventId: z.uuid() });

/** What the dispatcher puts in a handler job. */
export const ZHandlerJobSchema = z.object({
  eventId: z.uuid(),
  handler: z.string().min(1).max(100),
});

/** What the fan-out puts in a webhook delivery job. */
export const ZWebhookDeliveryJobSchema = z.object({ deliveryId: z.uuid() });

/** What the worker puts in a transfer job. */
export const ZTransferJobSchema = z.object({ transferId: z.uuid() });

export type DispatchJob = z.infer<typeof ZDispatchJobSchema>;
export type HandlerJob = z.infer<typeof ZHandlerJobSchema>;
export type WebhookDeliveryJob = z.infer<typeof ZWebhookDeliveryJobSchema>;
export type TransferJob = z.infer<typeof ZTransferJobSchema>;
