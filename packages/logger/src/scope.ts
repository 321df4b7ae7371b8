import { AsyncLocalStorage } from "node:async_hooks";

import { type Logger } from "pino";

/**
 * The logger of the unit of work in progress (a procedure call, a worker
 * job). The child with the scope's bindings is made on first use: most
 * calls log nothing through their scope, and pay nothing for it.
 */
interface LogScope {
  parent: Logger;
  bindings: Record<string, unknown> | undefined;
  logger: Logger | undefined;
}

const scopes = new AsyncLocalStorage<LogScope>();

function loggerOf(scope: LogScope): Logger {
  scope.logger ??= scope.bindings ? scope.parent.child(scope.bindings) : scope.parent;
  return scope.logger;
}

/**
 * Runs `work` with `logger` (plus `bindings`) as the current logger, so
 * code far below it (the database's slow-statement warning, say) logs with
 * the caller's bindings (request id, procedure, job) without being handed
 * a logger.
 */
export function withLogScope<T>(
  logger: Logger,
  work: () => T,
  bindings?: Record<string, unknown>,
): T {
  return scopes.run({ parent: logger, bindings, logger: undefined }, work);
}

/**
 * Adds bindings to the current scope's logger from here on, for every line
 * of the scope, including those logged by whoever opened it (a worker job
 * learns its request id only once it has read its event).
 */
export function bindLogScope(bindings: Record<string, unknown>): Logger | undefined {
  const scope = scopes.getStore();
  if (!scope) return undefined;
  scope.logger = loggerOf(scope).child(bindings);
  return scope.logger;
}

/** The current scope's logger, or `fallback` outside of any scope. */
export function scopeLogger(fallback: Logger): Logger {
  const scope = scopes.getStore();
  return scope ? loggerOf(scope) : fallback;
}
