import { createPrismaClient, type PrismaClient } from "@fastnext/db";
import { createStatementCounter } from "@fastnext/db/statement-counter";

/** SQL statements and round trips the benchmark server sent, BEGIN and COMMIT included. */
export const statementCounter = createStatementCounter();

/** The production client (createPrismaClient) with its statements counted. */
export function countingPrismaClient(connectionString: string, max: number): PrismaClient {
  return createPrismaClient({
    connectionString,
    max,
    applicationName: "fastnext-bench",
    onConnection: statementCounter.onConnection,
  });
}
