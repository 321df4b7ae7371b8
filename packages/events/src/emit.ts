import { randomUUID } from "node:crypto";

import { type ScopedDb } from "@fastnext/db";

import { EVENT_CATALOGUE, isEventName, type EventName, type EventPayload } from "./catalogue";
import { inTransaction, queueClient } from "./queue-client";
import { QUEUES, type DispatchJob } from "./queues";
import { currentTraceContext } from "./trace-context";

/**
 * Records a domain event in the caller's transaction together with the job
 * that dispatches it, enqueued through pg-boss's `send` on that same
 * transaction: the event and its job exist if and only if the transaction
 * commits.
 *
 * The name and payload are checked here, so a malformed event fails the
 * change that raised it rather than a handler later; the catalogue is
 * TypeScript, so this is the only place that can. The database holds the
 * rest (migration 20261202070000): the actor and request id are column
 * defaults taken from the transaction's scope and a policy wants a caller;
 * the application role may enqueue only a dispatch job named by the id of
 * an event not yet written, and may not write an event without that job.
 * Hence the order: the job first, under the new event's id, then the event.
 *
 * The event also keeps the trace context of the span that raised it (null
 * with tracing off), so the worker's handler spans join the request's trace.
 */
export async function emitEvent<N extends EventName>(
  db: ScopedDb,
  name: N,
  payload: EventPayload<N>,
): Promise<string> {
  if (!isEventName(name)) throw new Error(`not a catalogued event: ${String(name)}`);
  const valid = EVENT_CATALOGUE[name].parse(payload);
  const id = randomUUID();
  const job: DispatchJob = { eventId: id };
  const jobId = await queueClient.send(QUEUES.dispatch, job, { id, db: inTransaction(db) });
  if (jobId !== id) throw new Error(`the dispatch job of event ${id} was not enqueued`);
  const trace = currentTraceContext();
  await db.$executeRaw`
    INSERT INTO domain_events (id, name, payload, traceparent, tracestate)
    VALUES (${id}::uuid, ${name}, ${JSON.stringify(valid)}::jsonb, ${trace.traceparent}, ${trace.tracestate})`;
  return id;
}
