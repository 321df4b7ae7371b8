import { context, isSpanContextValid, trace } from "@opentelemetry/api";

/**
 * The ids of the active span, for pino's mixin: a log line then links to
 * its trace. With tracing off the API's no-op context has no span, so this
 * is one lookup returning an empty object.
 */
export function traceFields(): Record<string, string> {
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext)) return {};
  return {
    trace_id: spanContext.traceId,
    span_id: spanContext.spanId,
    trace_flags: `0${spanContext.traceFlags.toString(16)}`.slice(-2),
  };
}
