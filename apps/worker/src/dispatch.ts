import type PgBoss from "pg-boss";

import { isEventName, QUEUES, type HandlerJob } from "@fastnext/events";

import { type Handler, type HandlerRegistry } from "./handlers";
import { eventQueueOptions, type QueueSettings } from "./queue/boss";
import { handlerJobId } from "./queue/job-id";
import { type WorkerContext } from "./handlers";
import { eventLogger, loadEvent } from "./runner";
import { withEventSpan } from "./tracing";

/**
 * Fans one event out: one job per handler, with ids derived from the event
 * and the handler, in a single insert. Run twice, it enqueues nothing new.
 * Returns how many handler jobs the event has.
 */
export async function dispatchEvent(
  boss: PgBoss,
  registry: HandlerRegistry,
  settings: QueueSettings,
  eventId: string,
  ctx: WorkerContext,
): Promise<number> {
  const event = await loadEvent(ctx.db, eventId);
  if (!event) {
    ctx.log.warn({ eventId }, "dispatched event not found");
    return 0;
  }
  const log = eventLogger(ctx.log, event);
  const name = event.name;
  if (!isEventName(name)) {
    log.warn("event not in the catalogue: nothing handles it");
    return 0;
  }
  return withEventSpan(`dispatch ${name}`, event, {}, async () => {
    const handlers: Handler[] = [];
    for (const handler of registry.forEvent(name)) {
      if (handler.kind === "email" || !handler.wanted || (await handler.wanted(ctx.db, event)))
        handlers.push(handler);
    }
    if (handlers.length === 0) return 0;
    const defaults = eventQueueOptions(settings);
    await boss.insert(
      handlers.map((handler) => ({
        id: handlerJobId(event.id, handler.name),
        name: QUEUES.handle,
        data: { eventId: event.id, handler: handler.name } satisfies HandlerJob,
        ...defaults,
        retryLimit: handler.retryLimit ?? defaults.retryLimit,
      })),
    );
    return handlers.length;
  });
}
