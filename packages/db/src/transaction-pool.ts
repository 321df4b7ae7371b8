import { AsyncLocalStorage } from "node:async_hooks";

import pg from "pg";

import { noteStatements, type PoolObserver } from "./pool-observer";
import { queryText } from "./query-text";
import { ScopedConnection } from "./scoped-connection";
import { logSlowStatements } from "./slow-statements";

/** A statement to send together with the BEGIN of the transaction being opened. */
interface PendingOpening {
  /** "BEGIN", or "BEGIN READ ONLY" for a transaction that must not write. */
  begin: string;
  sql: string;
  /** Its result, once BEGIN went out with it; null before. */
  result: pg.QueryResult | null;
  /** The connection that carries the transaction, once BEGIN went out. */
  connection: ScopedConnection | null;
}

/** What `withOpening` hands over once the transaction is open. */
export interface Opening {
  /** The result of the statement sent with BEGIN. */
  result: pg.QueryResult;
  /** The transaction's own connection, open until its COMMIT or ROLLBACK. */
  connection: ScopedConnection;
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
 * nothing else about the connection changes; the caller also gets the
 * connection itself (`ScopedConnection`), to send hot statements without
 * Prisma's query pipeline, refused from the moment the transaction ends.
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
      // The scoped transaction this connection carries, if one is open.
      let scoped: ScopedConnection | null = null;
      // `text` is what the caller sent (a BEGIN may go out with the opening statement).
      const send = (text: string | undefined, args: unknown[]): Promise<unknown> => {
        if (observer && text === "BEGIN") begunAt = performance.now();
        if (scoped && (text === "COMMIT" || text === "ROLLBACK")) {
          scoped.close();
          scoped = null;
        }
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
        return send(text, [`${pending.begin}; ${pending.sql}`]).then((results) => {
          const [begun, opened] = results as pg.QueryResult[];
          if (!begun || !opened)
            throw new Error("BEGIN and the opening statement returned no results");
          pending.result = opened;
          pending.connection = scoped = new ScopedConnection(client);
          return begun;
        });
      }) as typeof client.query;
    });
  }

  /**
   * Runs `open` (which starts one transaction on this pool) so that its
   * BEGIN also runs `sql`; `open` receives a getter for that result and the
   * transaction's connection. With `readOnly` the transaction begins READ
   * ONLY: the server refuses any write in it.
   */
  withOpening<T>(
    sql: string,
    open: (opened: () => Opening) => Promise<T>,
    { readOnly = false }: { readOnly?: boolean } = {},
  ): Promise<T> {
    const begin = readOnly ? "BEGIN READ ONLY" : "BEGIN";
    const pending: PendingOpening = { begin, sql, result: null, connection: null };
    return this.#pending.run(pending, () =>
      open(() => {
        if (!pending.result || !pending.connection)
          throw new Error("The transaction's BEGIN did not carry its opening statement");
        return { result: pending.result, connection: pending.connection };
      }),
    );
  }
}
