/**
 * The OpenTelemetry SDK and its instrumentations. Imported only once
 * tracing is known to be on (see `startTracing`), so a process without an
 * exporter never loads any of it.
 */
import { register } from "node:module";

import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { PgInstrumentation } from "@opentelemetry/instrumentation-pg";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { PrismaInstrumentation } from "@prisma/instrumentation";

export interface SdkOptions {
  /** Used when OTEL_SERVICE_NAME is unset. */
  serviceName?: string;
  /**
   * Hook ES module imports, which the instrumentations need to patch `pg`
   * and `node:http` when they are imported rather than required. Off under
   * a bundler (Next.js), whose server code requires its externals.
   */
  esmHook: boolean;
  /** Instead of the exporter the OTEL_* variables choose (tests: an in-memory one). */
  spanProcessors?: SpanProcessor[];
}

/** Paths of probes: polled every few seconds, they would bury every other trace. */
const PROBE_PATHS = /^\/(api\/)?(health|ready)(\/|$|\?)/;

export function startSdk(options: SdkOptions): NodeSDK {
  if (options.esmHook) register("@opentelemetry/instrumentation/hook.mjs", import.meta.url);
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    spanProcessors: options.spanProcessors,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => PROBE_PATHS.test(request.url ?? ""),
        // Only calls made while serving something: not the SDK's own exports.
        requireParentforOutgoingSpans: true,
      }),
      new UndiciInstrumentation({ requireParentforSpans: true }),
      // Statements outside any request or job (the queue's polling) start no trace.
      // Parameter values are never recorded (enhancedDatabaseReporting stays off).
      new PgInstrumentation({ requireParentSpan: true }),
      new PrismaInstrumentation(),
    ],
  });
  sdk.start();
  return sdk;
}
