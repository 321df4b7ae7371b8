/**
 * Measuring what a client sends, for tests and the benchmark: its own entry
 * point (`@fastnext/db/statement-counter`), never loaded by the product.
 */
import type pg from "pg";

import { queryText } from "./query-text";

/** What a client's connections sent: statements, and the round trips that carried them. */
export interface StatementCounts {
  statements: number;
  roundTrips: number;
}

type Query = (...args: unknown[]) => unknown;

/** What was sent between two readings of the counts. */
export function countsSince(before: StatementCounts, after: StatementCounts): StatementCounts {
  return {
    statements: after.statements - before.statements,
    roundTrips: after.roundTrips - before.roundTrips,
  };
}

/**
 * Statements in one simple-protocol text: the ";" outside string literals
 * ('…' with '' inside, and E'…' with backslash escapes) separate them.
 */
export function countStatements(text: string): number {
  let count = 0;
  let pending = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === "'") {
      const escapes = /[eE]/.test(text[i - 1] ?? "");
      for (i += 1; i < text.length; i += 1) {
        if (escapes && text[i] === "\\") i += 1;
        else if (text[i] === "'" && text[i + 1] === "'") i += 1;
        else if (text[i] === "'") break;
      }
      pending = true;
    } else if (char === ";") {
      if (pending) count += 1;
      pending = false;
    } else if (char !== undefined && char.trim() !== "") {
      pending = true;
    }
  }
  return pending ? count + 1 : count;
}

/** A parameterised query is one statement; a parameterless text may hold several. */
function statementsIn([first, values]: unknown[]): number {
  const text = queryText(first);
  const configValues: unknown =
    typeof first === "object" && first !== null && "values" in first ? first.values : undefined;
  const given = Array.isArray(values) ? values : configValues;
  const parameterised = Array.isArray(given) && given.length > 0;
  if (!text || parameterised) return 1;
  return countStatements(text);
}

/**
 * Counts what a Prisma client sends to PostgreSQL, BEGIN and COMMIT
 * included: pass `onConnection` to `createPrismaClient`. Benchmarks report
 * the counts and tests assert that lists run a constant number of
 * statements whatever their page size.
 */
export function createStatementCounter() {
  const counts: StatementCounts = { statements: 0, roundTrips: 0 };
  const onConnection = (client: pg.PoolClient) => {
    const query = client.query.bind(client) as Query;
    client.query = ((...args: unknown[]) => {
      counts.roundTrips += 1;
      counts.statements += statementsIn(args);
      return query(...args);
    }) as typeof client.query;
  };
  /** What `work` returned, and the counts it added. */
  const during = async <T>(work: () => Promise<T>): Promise<StatementCounts & { result: T }> => {
    const before = { ...counts };
    const result = await work();
    return { result, ...countsSince(before, counts) };
  };
  return { counts, onConnection, during };
}

export type StatementCounter = ReturnType<typeof createStatementCounter>;
