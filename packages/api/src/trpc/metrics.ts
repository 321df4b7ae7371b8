import { countingStatements } from "@fastnext/db";

import { t } from "./init";

/**
 * Records every call in the process's metrics: count and duration by
 * procedure, type and result code, and the statements it sent. Runs
 * outside `observe`, so the code is the one the client receives (an
 * AppError already mapped). Without metrics (tests, scripts) it only
 * passes the call on.
 */
export const recordCall = t.middleware(async ({ ctx, path, type, next }) => {
  const metrics = ctx.metrics;
  if (!metrics) return next();
  const started = performance.now();
  const { result, statements } = await countingStatements(() => next());
  const code = result.ok ? "OK" : result.error.code;
  metrics.call({ procedure: path, type, code }, (performance.now() - started) / 1000, statements);
  return result;
});
