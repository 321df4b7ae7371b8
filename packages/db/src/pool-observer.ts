import { AsyncLocalStorage } from "node:async_hooks";

import type pg from "pg";

/** Told about the transactions a client's pool runs (e.g. to record their durations). */
export interface PoolObserver {
  transactionEnded(seconds: number, outcome: "commit" | "rollback"): void;
}

/** A pool's connections at this moment: open, idle, and callers waiting for one. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export function poolStatsOf(pool: pg.Pool): PoolStats {
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
}

const statementScope = new AsyncLocalStorage<{ statements: number }>();

/**
 * Runs `work` and counts the statements every pool of this process sends
 * on its behalf (a `BEGIN` that carries the scope's opening statement counts
 * two). The count follows the async context, so concurrent calls are
 * counted apart. Costs one AsyncLocalStorage lookup per statement.
 */
export async function countingStatements<T>(
  work: () => Promise<T>,
): Promise<{ result: T; statements: number }> {
  const scope = { statements: 0 };
  const result = await statementScope.run(scope, work);
  return { result, statements: scope.statements };
}

/** Called by the pool's query wrapper for each statement it sends. */
export function noteStatements(count: number): void {
  const scope = statementScope.getStore();
  if (scope) scope.statements += count;
}

/** Runs `work` outside any `countingStatements`: background statements are no call's. */
export function uncounted<T>(work: () => T): T {
  return statementScope.exit(work);
}
