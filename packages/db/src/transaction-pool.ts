import { AsyncLocalStorage } from "node:async_hooks";

import pg from "pg";

import { noteStatements, type PoolObserver } from "./pool-observer";
import { queryText } from "./query-text";
import { logSlowStatements } from "./slow-statements";

/** A statement to send together with the BEGIN of the transaction being opened. */
interface PendingOpening {
  sql: string;
  /** Its result, once BEGIN went out with it; null before. */
  result: pg.QueryResult | null;
}

type Query = (...args: unknown[]) => Promise<unknown>;

/**
 * The pg pool under every Prisma client, able to open a transaction and run
 * its first statement in ONE round trip.
 *
 * Prisma's driver adapter opens an interactive transaction by sending a
 * bare BEGIN on a pooled connection, and the request's first statement (the
 * one that sets the caller's scope) followed as a second round trip. Inside
 * `withOpening(sql, fn)`, the first BEGIN sent through this pool goes out as
 * `BEGIN; <sql>` instead — one simple-protocol message, so `sql` must carry
 * its values as escaped literals — and the statement's result is kept for
 * the caller. Queries are still routed by Prisma's own transaction, so
 * nothing else about the connection changes.
 */
export class TransactionPool {
  readonly pg: pg.Pool;
  readonly #pending = new AsyncLocalStorage<PendingOpening>();

  /**
   * `onConnection` sees each new connection before this pool wraps its
   * `query`; `observer` is told how long each transaction took. With
   * `slowQueryMs`, every statement is timed as it goes out (after the
   * folding below, so the text logged is the one sent).
   */
  constructor(
    config: pg.PoolConfig,
    {
      onConnection,
      observer,
      slowQueryMs = null,
    }: {
      onConnection?: (client: pg.PoolClient) => void;
      observer?: PoolObserver;
      slowQueryMs?: number | null;
    } = {},
  ) {
    this.pg = new pg.Pool(config);
    this.pg.on("connect", (client) => {
      onConnection?.(client);
      if (slowQueryMs !== null) logSlowStatements(client, slowQueryMs);
      const query = client.query.bind(client) as Query;
      // When this connection's open transaction began (performance.now()), if one is open.
      let begunAt: number | null = null;
      // `text` is what the caller sent (a BEGIN may go out with the opening statement).
      const send = (text: string | undefined, args: unknown[]): Promise<unknown> => {
        if (observer && text === "BEGIN") begunAt = performance.now();
        const sent = query(...args);
        if (observer && begunAt !== null && (text === "COMMIT" || text === "ROLLBACK")) {
          const started = begunAt;
          begunAt = null;
          const ended = (outcome: "commit" | "rollback") => () =>
            observer.transactionEnded((performance.now() - started) / 1000, outcome);
          // A COMMIT the server refuses rolled the transaction back.
          void sent.then(ended(text === "COMMIT" ? "commit" : "rollback"), ended("rollback"));
        }
        return sent;
      };
      client.query = ((...args: unknown[]) => {
        const pending = this.#pending.getStore();
        const text = queryText(args[0]);
        if (!pending || pending.result || text !== "BEGIN") {
          noteStatements(1);
          return send(text, args);
        }
        noteStatements(2);
        return send(text, [`BEGIN; ${pending.sql}`]).then((results) => {
          const [begun, opened] = results as pg.QueryResult[];
          if (!begun || !opened)
            throw new Error("BEGIN and the opening statement returned no results");
          pending.result = opened;
          return begun;
        });
      }) as typeof client.query;
    });
  }

  /**
   * Runs `open` (which starts one transaction on this pool) so that its
   * BEGIN also runs `sql`; `open` receives a getter for that result.
   */
  withOpening<T>(sql: string, open: (opened: () => pg.QueryResult) => Promise<T>): Promise<T> {
    const pending: PendingOpening = { sql, result: null };
    return this.#pending.run(pending, () =>
      open(() => {
        if (!pending.result)
          throw new Error("The transaction's BEGIN did not carry its opening statement");
        return pending.result;
      }),
    );
  }
}
