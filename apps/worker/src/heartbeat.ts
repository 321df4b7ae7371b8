import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

import { type PrismaClient } from "@fastnext/db";
import { type Logger } from "@fastnext/logger";

/** How often a worker says it is alive; readiness calls it missing after three silent intervals. */
export const DEFAULT_HEARTBEAT_SECONDS = 10;

/**
 * This worker's row in `worker_heartbeats`: written when it starts, beaten
 * every interval, deleted when it stops cleanly. A worker that dies leaves
 * its row behind, which then simply stops counting; rows silent for a day
 * are swept by the next beat of any worker.
 */
export class Heartbeat {
  readonly instanceId = randomUUID();
  private readonly startedAt = new Date();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly db: PrismaClient,
    private readonly log: Logger,
    private readonly intervalSeconds: number,
    /** Told after each recorded beat (the heartbeat metric). */
    private readonly onBeat: (at: Date) => void = () => undefined,
  ) {}

  /** The first beat is awaited, so a worker that cannot write it does not start. */
  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => {
      this.beat().catch((error: unknown) =>
        this.log.warn({ err: error }, "heartbeat not recorded"),
      );
    }, this.intervalSeconds * 1000);
  }

  /** Never throws: a row left behind (database gone) stops counting after three intervals anyway. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    try {
      await this.db.workerHeartbeat.deleteMany({ where: { instanceId: this.instanceId } });
    } catch (error) {
      this.log.warn({ err: error }, "heartbeat row not removed; it expires by itself");
    }
  }

  private async beat(): Promise<void> {
    const { db, instanceId, intervalSeconds } = this;
    // The database's clock, as in app.worker_status(): no skew between hosts.
    await db.$executeRaw`
      INSERT INTO worker_heartbeats (instance_id, hostname, pid, started_at, beat_at, interval_seconds)
      VALUES (${instanceId}::uuid, ${hostname()}, ${process.pid}, ${this.startedAt}, now(), ${intervalSeconds})
      ON CONFLICT (instance_id) DO UPDATE SET beat_at = now()`;
    await db.$executeRaw`DELETE FROM worker_heartbeats WHERE beat_at < now() - interval '1 day'`;
    this.onBeat(new Date());
  }
}
