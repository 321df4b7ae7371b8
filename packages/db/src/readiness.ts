import { expectedMigrations } from "./generated/migrations";
import { type PrismaClient } from "./generated/prisma/client";

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
    const detail = error instanceof Error ? error.message.split("\n")[0] ?? "" : "unknown error";
    if (/_prisma_migrations.*does not exist/i.test(detail)) {
      return { ready: false, reason: "migrations_pending", detail: "no migration has been applied" };
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
