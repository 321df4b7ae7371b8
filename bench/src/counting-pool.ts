import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

import { PrismaClient } from "@fastnext/db";

/** Every statement sent to PostgreSQL, BEGIN and COMMIT included. */
export const statementCounter = { count: 0 };

type AnyQuery = (...args: unknown[]) => unknown;

/**
 * A Prisma client over a pg pool whose connections count the statements
 * they send, so the benchmark can report statements per request.
 */
export function countingPrismaClient(connectionString: string, max: number): PrismaClient {
  const pool = new pg.Pool({ connectionString, max, options: "-c idle_in_transaction_session_timeout=15000" });
  pool.on("connect", (client) => {
    const original = client.query.bind(client) as AnyQuery;
    const counted: AnyQuery = (...args) => {
      statementCounter.count += 1;
      return original(...args);
    };
    client.query = counted as typeof client.query;
  });
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}
