import { expectedMigrations } from "./generated/migrations";
import { type PrismaClient } from "./generated/prisma/client";

/** The first line of a driver error: what went wrong, without the query or stack. */
function firstLine(error: unknown): string {
  return error instanceof Error ? (error.message.split("\n")[0] ?? "") : "unknown error";
}

export type Readiness =
  | { ready: true; migrations: number }
  | { ready: false; reason: "database_unreachable" | "migrations_pending"; detail: string };

/**
 * Ready means: the database answers and every migration this build ships
 * with has been applied (and none failed half-way).
 */
export async function checkReadiness(db: PrismaClient): Promise<Readiness> {
  let applied: { migration_name: string }[];
  try {
    applied = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  } catch (error) {
    const detail = firstLine(error);
    if (/_prisma_migrations.*does not exist/i.test(detail)) {
      return {
        ready: false,
        reason: "migrations_pending",
        detail: "no migration has been applied",
      };
    }
    return { ready: false, reason: "database_unreachable", detail };
  }
  const done = new Set(applied.map((row) => row.migration_name));
  const pending = expectedMigrations.filter((name) => !done.has(name));
  if (pending.length > 0) {
    return { ready: false, reason: "migrations_pending", detail: `pending: ${pending.join(", ")}` };
  }
  return { ready: true, migrations: expectedMigrations.length };
}

export type WorkerStatus =
  | { worker: "ok"; alive: number; lastBeatAt: string }
  | { worker: "missing"; lastBeatAt: string | null }
  | { worker: "unknown"; detail: string };

/**
 * Whether a worker process is running: at least one beat within three of
 * its intervals (see the worker's heartbeat). "unknown" when the database
 * cannot say (unreachable, or the heartbeat migration is not applied yet).
 */
export async function checkWorkers(db: PrismaClient): Promise<WorkerStatus> {
  let rows: { alive: number; last_beat_at: Date | null }[];
  try {
    rows = await db.$queryRaw<{ alive: number; last_beat_at: Date | null }[]>`
      SELECT alive, last_beat_at FROM app.worker_status()`;
  } catch (error) {
    return { worker: "unknown", detail: firstLine(error) };
  }
  const row = rows[0];
  const lastBeatAt = row?.last_beat_at?.toISOString() ?? null;
  if (row && row.alive > 0 && lastBeatAt) return { worker: "ok", alive: row.alive, lastBeatAt };
  return { worker: "missing", lastBeatAt };
}
