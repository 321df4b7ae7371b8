import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";

import { dbEnv } from "./env";
import { poolStatsOf, type PoolObserver, type PoolStats } from "./pool-observer";
import { PrismaClient } from "./generated/prisma/client";
import { TransactionPool } from "./transaction-pool";

export interface PrismaClientOptions {
  connectionString: string;
  /** Pool size of this client's own pg pool. */
  max?: number;
  applicationName?: string;
  /** Called with each new physical connection (the benchmark counts statements with it). */
  onConnection?: (client: pg.PoolClient) => void;
  /** Told how long each transaction took (the process's metrics). */
  observer?: PoolObserver;
  /** Log statements slower than this many milliseconds (DB_SLOW_QUERY_MS); null or unset: none. */
  slowQueryMs?: number | null;
  /** Longest wait for a connection (default 5 s); shorter for a replica, which has the primary to fall back on. */
  connectTimeoutMs?: number;
}

// Kept on globalThis like the app client itself (below): Next.js may load
// this module once per server layer in one process, and a client made by one
// copy must still find its pool from another.
const globalPools = globalThis as unknown as {
  fastnextTransactionPools?: WeakMap<PrismaClient, TransactionPool>;
};
const transactionPools = (globalPools.fastnextTransactionPools ??= new WeakMap());

/** The pool that runs `client`'s scoped transactions (see `withScope`). */
export function transactionPoolOf(client: PrismaClient): TransactionPool {
  const pool = transactionPools.get(client);
  if (!pool)
    throw new Error(
      "This Prisma client was not made by createPrismaClient; it cannot open scoped transactions",
    );
  return pool;
}

/** The connections of `client`'s pool right now (for the pool gauges). */
export function poolStats(client: PrismaClient): PoolStats {
  return poolStatsOf(transactionPoolOf(client).pg);
}

/**
 * Every Prisma client goes through here: the Rust-free client over the pg
 * driver adapter, with bounds that keep a stuck request from pinning a
 * connection forever.
 */
export function createPrismaClient(options: PrismaClientOptions): PrismaClient {
  const pool = new TransactionPool(
    {
      connectionString: options.connectionString,
      max: options.max ?? 10,
      // Also the longest wait for a connection when opening a transaction.
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      idleTimeoutMillis: 30_000,
      application_name: options.applicationName ?? "fastnext",
      // A transaction left open by a crashed request is ended by the server.
      options: "-c idle_in_transaction_session_timeout=15000",
    },
    {
      onConnection: options.onConnection,
      observer: options.observer,
      slowQueryMs: options.slowQueryMs ?? null,
    },
  );
  const client = new PrismaClient({
    adapter: new PrismaPg(pool.pg, { disposeExternalPool: true }),
  });
  transactionPools.set(client, pool);
  return client;
}

const globalForDb = globalThis as unknown as { fastnextAppDb?: PrismaClient };

/**
 * The process's client for the application role. Cached on globalThis so
 * Next.js's module reloading in development does not open a pool per edit.
 */
export function appDb(): PrismaClient {
  const env = dbEnv();
  globalForDb.fastnextAppDb ??= createPrismaClient({
    connectionString: env.appUrl,
    max: env.poolMax,
    applicationName: "fastnext-app",
    slowQueryMs: env.slowQueryMs,
  });
  return globalForDb.fastnextAppDb;
}

export async function disconnectAppDb(): Promise<void> {
  const client = globalForDb.fastnextAppDb;
  globalForDb.fastnextAppDb = undefined;
  await client?.$disconnect();
}
