import type pg from "pg";

/** What a client's connections sent: statements, and the round trips that carried them. */
export interface StatementCounts {
  statements: number;
  roundTrips: number;
}

type Query = (...args: unknown[]) => unknown;

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
  const config = typeof first === "object" && first !== null ? (first as pg.QueryConfig) : undefined;
  const text = typeof first === "string" ? first : config?.text;
  const parameterised = Array.isArray(values) ? values.length > 0 : Boolean(config?.values?.length);
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
    return {
      result,
      statements: counts.statements - before.statements,
      roundTrips: counts.roundTrips - before.roundTrips,
    };
  };
  return { counts, onConnection, during };
}

export type StatementCounter = ReturnType<typeof createStatementCounter>;
