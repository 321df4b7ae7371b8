import { SpanKind, trace, type Attributes, type Span } from "@opentelemetry/api";

import { contextOfStoredTrace, type StoredTraceContext } from "@fastnext/events";
import { inSpan } from "@fastnext/tracing";

const tracer = trace.getTracer("@fastnext/worker");

/**
 * One span per queue job, whatever its queue: a root of its own (polling
 * for it belongs to no request), from taking the job to recording its
 * outcome. With tracing off the tracer is the API's no-op one.
 */
export function withJobSpan<T>(
  queue: string,
  job: { id: string; retryCount: number },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(
    `job ${queue}`,
    {
      kind: SpanKind.CONSUMER,
      root: true,
      attributes: {
        "messaging.system": "pg-boss",
        "messaging.destination.name": queue,
        "messaging.message.id": job.id,
        "job.try": job.retryCount + 1,
      },
    },
    (span) => inSpan(span, () => work(span)),
  );
}

/**
 * The span of work done for a stored event (dispatching it, or one
 * handler's run), continuing the trace of the request that raised it: its
 * parent is the span stored with the event, and it links to the job span it
 * runs in. An event stored without a trace context starts its span under
 * the job span instead.
 */
export function withEventSpan<T>(
  name: string,
  event: StoredTraceContext & { id: string; name: string },
  attributes: Attributes,
  work: () => Promise<T>,
): Promise<T> {
  const job = trace.getActiveSpan()?.spanContext();
  return tracer.startActiveSpan(
    name,
    {
      kind: SpanKind.CONSUMER,
      attributes: { "event.id": event.id, "event.name": event.name, ...attributes },
      links: event.traceparent && job ? [{ context: job }] : [],
    },
    contextOfStoredTrace(event),
    (span) => inSpan(span, work),
  );
}
