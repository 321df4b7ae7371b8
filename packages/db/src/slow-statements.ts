import type pg from "pg";

import { createLogger, scopeLogger, type Logger } from "@fastnext/logger";

import { loggableText, queryText } from "./query-text";

type Query = (...args: unknown[]) => unknown;

let fallback: Logger | undefined;

/** Outside any procedure or job the database's own logger speaks. */
function logger(): Logger {
  return scopeLogger((fallback ??= createLogger("db")));
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && "then" in value;
}

/**
 * Times every statement `client` sends and logs, at warn, each one that
 * took longer than `thresholdMs`: its text without values, and its
 * duration. The line goes to the current log scope (`withLogScope`), so a
 * procedure's statement names the procedure and the request id, a worker
 * job's the job and the request that raised its event.
 */
export function logSlowStatements(client: pg.PoolClient, thresholdMs: number): void {
  const query = client.query.bind(client) as Query;
  client.query = ((...args: unknown[]) => {
    const started = performance.now();
    const report = () => {
      const durationMs = performance.now() - started;
      if (durationMs < thresholdMs) return;
      const text = queryText(args[0]);
      logger().warn(
        { durationMs: Math.round(durationMs * 100) / 100, statement: text && loggableText(text) },
        "slow statement",
      );
    };
    const last = args.at(-1);
    // pg's callback form, which pg.Pool#query uses.
    if (typeof last === "function") {
      args[args.length - 1] = (...results: unknown[]) => {
        report();
        return (last as (...results: unknown[]) => unknown)(...results);
      };
      return query(...args);
    }
    const result = query(...args);
    if (isThenable(result)) result.then(report, report);
    return result;
  }) as typeof client.query;
}
