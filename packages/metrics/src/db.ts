import { Counter, Gauge, Histogram, type Registry } from "prom-client";

import {
  type PoolObserver,
  type PoolStats,
  type ReplicaObserver,
  type ReplicaStatus,
} from "@fastnext/db";

import { METRIC } from "./names";

export type PoolName = "app" | "replica" | "system";

export interface DbMetrics {
  /** For `createPrismaClient({ observer })`: records each transaction's duration. */
  observer(pool: PoolName): PoolObserver;
  /** Reports `stats()` of a pool at every scrape, with its configured size. */
  watchPool(pool: PoolName, max: number, stats: () => PoolStats): void;
  /** For `ReadRouting({ observer })`: where read-only calls ran, and the replica's state. */
  readonly replica: ReplicaObserver;
}

/** The database figures every process exports (pools, transactions). */
export function createDbMetrics(registry: Registry): DbMetrics {
  const pools = new Map<PoolName, { max: number; stats: () => PoolStats }>();
  new Gauge({
    name: METRIC.poolConnections,
    help: "Connections of the process's database pool: open (total), idle, and callers waiting for one",
    labelNames: ["pool", "state"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [pool, watched] of pools) {
        const { total, idle, waiting } = watched.stats();
        this.set({ pool, state: "total" }, total);
        this.set({ pool, state: "idle" }, idle);
        this.set({ pool, state: "waiting" }, waiting);
      }
    },
  });
  new Gauge({
    name: METRIC.poolMax,
    help: "Configured size of the process's database pool",
    labelNames: ["pool"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [pool, watched] of pools) this.set({ pool }, watched.max);
    },
  });
  const transactions = new Histogram({
    name: METRIC.transactionDuration,
    help: "Database transactions from BEGIN to the end of COMMIT or ROLLBACK",
    labelNames: ["pool", "outcome"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    registers: [registry],
  });
  const replicaReads = new Counter({
    name: METRIC.replicaReads,
    help: "Signed-in read-only calls by where they ran, and why not on the replica",
    labelNames: ["target", "reason"] as const,
    registers: [registry],
  });
  let replicaStatus: (() => ReplicaStatus) | null = null;
  new Gauge({
    name: METRIC.replicaUsable,
    help: "1 while read-only calls use the replica, 0 while they run on the primary",
    registers: [registry],
    collect() {
      this.reset();
      if (replicaStatus) this.set(replicaStatus().usable ? 1 : 0);
    },
  });
  new Gauge({
    name: METRIC.replicaLag,
    help: "The replica's replay lag at its last probe",
    registers: [registry],
    collect() {
      this.reset();
      const lag = replicaStatus?.().lagSeconds;
      if (lag !== undefined && lag !== null && Number.isFinite(lag)) this.set(lag);
    },
  });
  return {
    replica: {
      readRouted: (target, reason) => replicaReads.inc({ target, reason: reason ?? "none" }),
      watch: (status) => {
        replicaStatus = status;
      },
    },
    observer: (pool) => ({
      transactionEnded: (seconds, outcome) => transactions.observe({ pool, outcome }, seconds),
    }),
    watchPool: (pool, max, stats) => {
      pools.set(pool, { max, stats });
    },
  };
}
