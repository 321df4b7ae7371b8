/**
 * Tracing for tests: the real SDK and instrumentations, with every span
 * kept in memory as soon as it ends. Start it before importing what it
 * should instrument (dynamic imports after this call).
 */
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from "@opentelemetry/sdk-trace-base";

import { shutdownTracing, startWith } from "./index";

export type { ReadableSpan } from "@opentelemetry/sdk-trace-base";

export interface InMemoryTracing {
  /** Every span ended so far (once the pending exports are done). */
  spans: () => Promise<ReadableSpan[]>;
  /** The spans of one trace, oldest first. */
  trace: (traceId: string) => Promise<ReadableSpan[]>;
  shutdown: () => Promise<void>;
}

export async function startInMemoryTracing(serviceName = "test"): Promise<InMemoryTracing> {
  const exporter = new InMemorySpanExporter();
  const processor = new SimpleSpanProcessor(exporter);
  await startWith({ serviceName, esmHook: true, spanProcessors: [processor] });
  // An ended span is exported once the resource's detectors have answered.
  const spans = async () => {
    await processor.forceFlush();
    return exporter.getFinishedSpans();
  };
  return {
    spans,
    trace: async (traceId) =>
      (await spans())
        .filter((span) => span.spanContext().traceId === traceId)
        .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]),
    shutdown: shutdownTracing,
  };
}
