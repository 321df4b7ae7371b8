import { type Logger } from "@fastnext/logger";

import { transactionPoolOf } from "./client";
import { type PrismaClient } from "./generated/prisma/client";
import { uncounted } from "./pool-observer";
import { MemoryWriteMarks, type WriteMarks } from "./write-marks";

/** Why a read that could have used the replica ran on the primary. */
export type PrimaryReason =
  /** The replica has not replayed the caller's own latest write yet. */
  | "own_write"
  /** The replica's replay lag is beyond the bound. */
  | "lag"
  /** The replica did not answer (refused, timed out, dropped the connection). */
  | "unreachable"
  /** The server behind the replica URL is not in recovery (e.g. promoted): not a replica of this primary any more. */
  | "not_replica"
  /** Not probed yet since the process started. */
  | "unknown"
  /** The procedure asked for the primary after seeing the replica's answer (e.g. a session it does not know yet). */
  | "retried";

/** Told where each read went, for the process's metrics. */
export interface ReplicaObserver {
  readRouted(target: "replica" | "primary", reason: PrimaryReason | null): void;
  /** Reports, at each scrape, whether the replica is in use and its last measured lag. */
  watch(status: () => ReplicaStatus): void;
}

export interface ReplicaStatus {
  usable: boolean;
  /** Replay lag at the last probe, in seconds; null before the first answer. */
  lagSeconds: number | null;
}

/**
 * Thrown by a read's work to have it run again on the primary: the replica's
 * answer may be behind the primary's (e.g. a session created a moment ago).
 */
export class RetryOnPrimary extends Error {
  constructor(readonly why: string) {
    super(`retry on the primary: ${why}`);
  }
}

export interface ReadRoutingOptions {
  primary: PrismaClient;
  /** null: no replica configured; every read runs on the primary. */
  replica: PrismaClient | null;
  /** Replay lag beyond which reads go to the primary (DATABASE_REPLICA_MAX_LAG_SECONDS). */
  maxLagSeconds: number;
  /** Where callers' latest commit positions are kept (shared by every instance: Redis). */
  marks?: WriteMarks;
  logger: Logger;
  observer?: ReplicaObserver;
  /** How often the replica's lag is measured, at most (lazily, by the reads themselves). */
  probeIntervalMs?: number;
  /** How long the replica is left alone after it stopped answering. */
  retryAfterMs?: number;
  /** How long a caller's write position is kept (the longest a caller stays on the primary after a write). */
  markTtlMs?: number;
}

type Health =
  | { kind: "unknown" }
  | { kind: "usable"; replayLsn: bigint; lagSeconds: number }
  | { kind: "unusable"; reason: "lag" | "unreachable" | "not_replica"; lagSeconds: number | null };

/** A pg_lsn as text ("16/B374D848") as one number, to compare positions. */
export function parseLsn(text: string): bigint {
  const match = /^([0-9A-F]+)\/([0-9A-F]+)$/i.exec(text);
  if (!match?.[1] || !match[2]) throw new Error(`not a WAL position: ${text}`);
  return (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`);
}

/** Where the replica's replay is, and how long since the last commit it replayed. */
async function replicaPosition(replica: PrismaClient) {
  const { rows } = await transactionPoolOf(replica).pg.query<{
    in_recovery: boolean;
    replay: string | null;
    since_replay: number | null;
  }>(
    `SELECT pg_is_in_recovery() AS in_recovery, pg_last_wal_replay_lsn()::text AS replay,
            extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS since_replay`,
  );
  return rows[0];
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split("\n")[0] ?? error.name) : String(error);
}

/**
 * Chooses, for each signed-in read-only call, the replica or the primary.
 *
 * Read-your-writes: after a caller's write commits, their commit position
 * (pg_current_wal_insert_lsn on the primary, read after COMMIT, so at or past
 * the commit record) is kept in `marks`; their reads use the replica only
 * once its replay position (pg_last_wal_replay_lsn, as last probed) has
 * passed it. A position rather than a fixed stay on the primary because it
 * is exact: the caller is back on the replica as soon as the replica has
 * their write (usually within one probe interval), and never earlier,
 * however far the replica is behind. The mark expires after `markTtlMs`,
 * longer than the lag bound, so a replica still behind by then is already
 * out of use for lag. Marks live in Redis when the process has one, so a
 * caller's next read on another instance sees the same mark; the in-memory
 * store is right only for a single instance.
 *
 * Lag and loss: the replica's health is probed at most every
 * `probeIntervalMs`, by the reads themselves and without making them wait.
 * Lag beyond `maxLagSeconds`, a replica that does not answer, or a failed
 * call whose replica then does not answer a probe, send reads to the
 * primary (the failed call runs again there: it is read-only, so nothing is
 * done twice). A replica that stopped answering is probed again only after
 * `retryAfterMs` (a small circuit breaker); every change of state is logged
 * once, and every read is counted by where it went and why.
 */
export class ReadRouting {
  readonly #primary: PrismaClient;
  readonly #replica: PrismaClient | null;
  readonly #maxLagSeconds: number;
  readonly #marks: WriteMarks;
  readonly #logger: Logger;
  readonly #observer: ReplicaObserver | undefined;
  readonly #probeIntervalMs: number;
  readonly #retryAfterMs: number;
  readonly #markTtlMs: number;
  #health: Health = { kind: "unknown" };
  /** When the next probe may start (performance.now()). */
  #nextProbeAt = 0;
  #probing: Promise<void> | null = null;

  constructor(options: ReadRoutingOptions) {
    this.#primary = options.primary;
    this.#replica = options.replica;
    this.#maxLagSeconds = options.maxLagSeconds;
    this.#marks = options.marks ?? new MemoryWriteMarks();
    this.#logger = options.logger;
    this.#observer = options.observer;
    this.#probeIntervalMs = options.probeIntervalMs ?? 1_000;
    this.#retryAfterMs = options.retryAfterMs ?? 10_000;
    this.#markTtlMs =
      options.markTtlMs ??
      Math.max(30_000, 2 * (options.maxLagSeconds * 1000 + this.#retryAfterMs));
    this.#observer?.watch(() => this.status());
    // An idle pooled connection the replica drops must not end the process.
    if (this.#replica) transactionPoolOf(this.#replica).pg.on("error", () => undefined);
  }

  get hasReplica(): boolean {
    return this.#replica !== null;
  }

  /** The replica's client, null when none is configured (its pool gauges; closing it). */
  get replica(): PrismaClient | null {
    return this.#replica;
  }

  status(): ReplicaStatus {
    const health = this.#health;
    return {
      usable: health.kind === "usable",
      lagSeconds: health.kind === "unknown" ? null : health.lagSeconds,
    };
  }

  /**
   * Runs `run` on the replica when it is usable for `caller`, otherwise (or
   * when the replica fails under it) on the primary. `run` must be
   * read-only; it may throw `RetryOnPrimary` to be run again on the primary.
   */
  async read<T>(caller: string, run: (db: PrismaClient, onReplica: boolean) => Promise<T>) {
    const replica = this.#replica;
    if (!replica) return run(this.#primary, false);
    const reason = await this.#primaryReason(caller);
    if (reason) {
      this.#observer?.readRouted("primary", reason);
      return run(this.#primary, false);
    }
    try {
      const result = await run(replica, true);
      this.#observer?.readRouted("replica", null);
      return result;
    } catch (error) {
      if (error instanceof RetryOnPrimary) {
        this.#observer?.readRouted("primary", "retried");
        return run(this.#primary, false);
      }
      // A failure of the call itself is its own; one of the replica sends it to the primary.
      if (await this.#replicaAnswers()) throw error;
      this.#becomeUnusable("unreachable", null, describe(error));
      this.#observer?.readRouted("primary", "unreachable");
      return run(this.#primary, false);
    }
  }

  /**
   * Records that `caller`'s write has committed on the primary, so that
   * their next reads wait for the replica to have it. Never throws: the
   * write is done; if its position cannot be kept, the failure is logged.
   */
  async noteWrite(caller: string): Promise<void> {
    if (!this.#replica) return;
    try {
      const { rows } = await transactionPoolOf(this.#primary).pg.query<{ lsn: string }>(
        "SELECT pg_current_wal_insert_lsn()::text AS lsn",
      );
      const lsn = rows[0]?.lsn;
      if (lsn) await this.#marks.raise(caller, parseLsn(lsn), this.#markTtlMs);
    } catch (error) {
      this.#logger.warn(
        { err: describe(error) },
        "replica: could not record a write's position; the caller's next reads may not see it",
      );
    }
  }

  /** Measures the replica now (tests, and the first call after start-up). */
  probe(): Promise<void> {
    // Started by whichever call came first, but none of that call's statements.
    this.#probing ??= uncounted(() => this.#measure()).finally(() => {
      this.#probing = null;
    });
    return this.#probing;
  }

  async #primaryReason(caller: string): Promise<PrimaryReason | null> {
    if (performance.now() >= this.#nextProbeAt) void this.probe();
    const health = this.#health;
    if (health.kind === "unknown") return "unknown";
    if (health.kind === "unusable") return health.reason;
    let mark: bigint | null;
    try {
      mark = await this.#marks.latest(caller);
    } catch {
      // Without the caller's position their write cannot be proven on the replica.
      return "own_write";
    }
    return mark !== null && mark > health.replayLsn ? "own_write" : null;
  }

  async #measure(): Promise<void> {
    const replica = this.#replica;
    if (!replica) return;
    try {
      // The primary first: a replay position at or past it means no lag at all.
      const primary = await transactionPoolOf(this.#primary).pg.query<{ lsn: string }>(
        "SELECT pg_current_wal_lsn()::text AS lsn",
      );
      const primaryLsn = primary.rows[0]?.lsn;
      if (!primaryLsn) throw new Error("the primary returned no WAL position");
      let row = await replicaPosition(replica);
      // A replica streaming normally replays a commit within milliseconds: a
      // first look between the primary's commit and its replay is looked again.
      if (row?.replay && parseLsn(row.replay) < parseLsn(primaryLsn)) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        row = await replicaPosition(replica);
      }
      if (!row) throw new Error("the replica returned no row");
      if (!row.in_recovery || row.replay === null) {
        this.#becomeUnusable("not_replica", null, "the replica URL names a server not in recovery");
        return;
      }
      const replayLsn = parseLsn(row.replay);
      // Behind the primary: stale by at most the time since the last commit it replayed.
      const lagSeconds =
        replayLsn >= parseLsn(primaryLsn)
          ? 0
          : Math.max(0, row.since_replay ?? Number.POSITIVE_INFINITY);
      if (lagSeconds > this.#maxLagSeconds) {
        this.#becomeUnusable("lag", lagSeconds, `replay lag ${lagSeconds.toFixed(1)} s`);
        return;
      }
      if (this.#health.kind !== "usable")
        this.#logger.info({ lagSeconds }, "replica: in use for read-only calls");
      this.#health = { kind: "usable", replayLsn, lagSeconds };
      this.#nextProbeAt = performance.now() + this.#probeIntervalMs;
    } catch (error) {
      this.#becomeUnusable("unreachable", null, describe(error));
    }
  }

  async #replicaAnswers(): Promise<boolean> {
    if (!this.#replica) return false;
    try {
      await transactionPoolOf(this.#replica).pg.query("SELECT 1");
      return true;
    } catch {
      return false;
    }
  }

  #becomeUnusable(
    reason: "lag" | "unreachable" | "not_replica",
    lagSeconds: number | null,
    detail: string,
  ): void {
    const previous = this.#health;
    const retryAfterMs = reason === "lag" ? this.#probeIntervalMs : this.#retryAfterMs;
    if (previous.kind !== "unusable" || previous.reason !== reason) {
      const log = reason === "lag" ? this.#logger.warn : this.#logger.error;
      log.call(
        this.#logger,
        { reason, detail, retryInMs: retryAfterMs },
        "replica: not in use, read-only calls run on the primary",
      );
    }
    this.#health = { kind: "unusable", reason, lagSeconds };
    this.#nextProbeAt = performance.now() + retryAfterMs;
  }
}
