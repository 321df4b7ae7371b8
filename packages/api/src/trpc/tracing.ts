import { SpanStatusCode, trace } from "@opentelemetry/api";

import { withLogScope } from "@fastnext/logger";

import { t } from "./init";

const tracer = trace.getTracer("@fastnext/api");

/**
 * Outermost middleware: one span per procedure call, named by its path,
 * with its type and result code (the tRPC code, "OK" on success), and the
 * call's logger as the log scope, so what is logged below it without a
 * logger at hand (a slow statement) names the procedure and the request.
 * With tracing off the tracer is the API's no-op one.
 */
export const traced = t.middleware(({ ctx, path, type, next }) =>
  tracer.startActiveSpan(
    path,
    { attributes: { "rpc.system": "trpc", "rpc.method": path, "trpc.type": type } },
    async (span) => {
      try {
        const result = await withLogScope(ctx.logger, () => next(), { procedure: path });
        span.setAttribute("trpc.code", result.ok ? "OK" : result.error.code);
        if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR") {
          span.recordException(result.error.cause ?? result.error);
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        return result;
      } finally {
        span.end();
      }
    },
  ),
);
