import { SpanStatusCode, type Span } from "@opentelemetry/api";

/**
 * Runs `work` as the body of a span already started: a failure is recorded
 * on the span (exception and error status) and thrown on unchanged, and the
 * span ends either way. It needs only `@opentelemetry/api`, so it costs
 * nothing with tracing off (the span is then the no-op one).
 */
export async function inSpan<T>(span: Span, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
