import { AppError } from "@fastnext/core";

import { toTRPCError } from "../errors";
import { t } from "./init";

/**
 * Outermost middleware: times every call, logs its outcome once, and maps
 * application errors to tRPC errors (the single error mapper).
 */
export const observe = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const durationMs = Math.round((performance.now() - started) * 100) / 100;
  if (result.ok) {
    ctx.logger.info({ path, type, durationMs }, "procedure ok");
    // A subscription's work (and its errors) happens after this returns, while the stream is read.
    if (type === "subscription" && isAsyncIterable(result.data)) {
      return {
        ...result,
        data: mapStreamErrors(result.data, (cause) => {
          ctx.logger.info(
            { path, type, code: cause.code, reason: cause.reason },
            "subscription refused",
          );
        }),
      };
    }
    return result;
  }
  const cause = result.error.cause;
  if (cause instanceof AppError) {
    ctx.logger.info(
      { path, type, durationMs, code: cause.code, reason: cause.reason },
      "procedure refused",
    );
    throw toTRPCError(cause);
  }
  if (result.error.code === "INTERNAL_SERVER_ERROR") {
    ctx.logger.error(
      { path, type, durationMs, err: result.error.cause ?? result.error },
      "procedure failed",
    );
  } else {
    ctx.logger.info({ path, type, durationMs, code: result.error.code }, "procedure refused");
  }
  return result;
});

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

/** The stream as it is, except that an AppError it throws reaches the client mapped, like a query's. */
async function* mapStreamErrors<T>(
  source: AsyncIterable<T>,
  onRefused: (cause: AppError) => void,
): AsyncGenerator<T> {
  try {
    yield* source;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    onRefused(error);
    throw toTRPCError(error);
  }
}
