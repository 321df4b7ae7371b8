import { AsyncLocalStorage } from "node:async_hooks";

import { type Logger } from "pino";

/** The logger of the unit of work in progress (a procedure call, a worker job). */
interface LogScope {
  logger: Logger;
}

const scopes = new AsyncLocalStorage<LogScope>();

/**
 * Runs `work` with `logger` as the current logger, so code far below it
 * (the database's slow-statement warning, say) logs with the caller's
 * bindings (request id, procedure, job) without being handed a logger.
 */
export function withLogScope<T>(logger: Logger, work: () => T): T {
  return scopes.run({ logger }, work);
}

/**
 * Adds bindings to the current scope's logger from here on, for every line
 * of the scope, including those logged by whoever opened it (a worker job
 * learns its request id only once it has read its event).
 */
export function bindLogScope(bindings: Record<string, unknown>): Logger | undefined {
  const scope = scopes.getStore();
  if (!scope) return undefined;
  scope.logger = scope.logger.child(bindings);
  return scope.logger;
}

/** The current scope's logger, or `fallback` outside of any scope. */
export function scopeLogger(fallback: Logger): Logger {
  return scopes.getStore()?.logger ?? fallback;
}
