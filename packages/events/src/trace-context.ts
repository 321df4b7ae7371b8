import {
  context,
  createTraceState,
  isSpanContextValid,
  trace,
  type Context,
  type SpanContext,
} from "@opentelemetry/api";

/** The W3C trace context stored with an event (both null when tracing is off). */
export interface StoredTraceContext {
  traceparent: string | null;
  tracestate: string | null;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The active span's context as W3C `traceparent` and `tracestate`, written
 * with an event so that its handlers continue the trace. Built from the span
 * itself rather than by the configured propagators: whatever OTEL_PROPAGATORS
 * says about HTTP headers, the event always carries the W3C form.
 */
export function currentTraceContext(): StoredTraceContext {
  const span = trace.getSpan(context.active());
  const spanContext = span?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) {
    return { traceparent: null, tracestate: null };
  }
  const flags = `0${(spanContext.traceFlags & 0xff).toString(16)}`.slice(-2);
  const state = spanContext.traceState?.serialize() ?? "";
  return {
    traceparent: `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`,
    tracestate: state === "" ? null : state,
  };
}

/**
 * The context a handler's span starts in: the stored span as its remote
 * parent, or the current context when the event carries none (it was
 * raised with tracing off, or by a process without it).
 */
export function contextOfStoredTrace(stored: StoredTraceContext): Context {
  const match = stored.traceparent ? TRACEPARENT.exec(stored.traceparent) : null;
  if (!match?.[1] || !match[2] || !match[3]) return context.active();
  const parent: SpanContext = {
    traceId: match[1],
    spanId: match[2],
    traceFlags: Number.parseInt(match[3], 16),
    isRemote: true,
    traceState: stored.tracestate ? createTraceState(stored.tracestate) : undefined,
  };
  if (!isSpanContextValid(parent)) return context.active();
  return trace.setSpanContext(context.active(), parent);
}
