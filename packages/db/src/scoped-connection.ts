import type pg from "pg";

/** A statement with its values as parameters ($1, $2, ...), as `Prisma.sql` builds it. */
export interface ParameterizedStatement {
  readonly text: string;
  readonly values: readonly unknown[];
}

/**
 * The pg connection that carries one scoped transaction, for statements
 * sent past Prisma's query pipeline. It is usable only while that
 * transaction is open: once its COMMIT or ROLLBACK goes out (whoever sends
 * it: the end of `withScope`, a timeout, an error) every later statement is
 * refused, because the connection goes back to the pool and the next
 * caller's transaction must never receive this caller's statements.
 */
export class ScopedConnection {
  readonly #client: pg.PoolClient;
  #open = true;

  constructor(client: pg.PoolClient) {
    this.#client = client;
  }

  /** Called (synchronously) as the transaction's COMMIT or ROLLBACK is sent. */
  close(): void {
    this.#open = false;
  }

  /**
   * Sends `statement` in the transaction and returns its rows as pg parses
   * them (timestamps as Date, int8 and numeric as strings, json parsed).
   * Statements queue on the connection behind any Prisma query in flight,
   * so they run in the order they were called.
   */
  async rows(statement: ParameterizedStatement): Promise<unknown[]> {
    return (await this.#send(statement)).rows;
  }

  /** Sends `statement` in the transaction and returns how many rows it changed. */
  async execute(statement: ParameterizedStatement): Promise<number> {
    return (await this.#send(statement)).rowCount ?? 0;
  }

  #send(statement: ParameterizedStatement): Promise<pg.QueryResult<Record<string, unknown>>> {
    if (!this.#open)
      throw new Error("The scoped transaction has ended: its connection takes no more statements");
    return this.#client.query<Record<string, unknown>>(statement.text, [...statement.values]);
  }
}
