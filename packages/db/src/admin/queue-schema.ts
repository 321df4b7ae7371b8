import PgBoss from "pg-boss";
import pgBossVersion from "pg-boss/version.json";
import pg from "pg";

import { QUEUE_SCHEMA } from "../queue";

/** The queue schema version this build's pg-boss expects. */
export const QUEUE_SCHEMA_VERSION: number = pgBossVersion.schema;

/**
 * Installs the queue's tables, or upgrades them to this build's pg-boss,
 * with the plans pg-boss publishes for exactly that (each takes an advisory
 * lock and runs in one transaction). Runs as the owner before the Prisma
 * migrations, which create the queues and grant access to them.
 */
export async function installQueueSchema(
  ownerUrl: string,
): Promise<"installed" | "upgraded" | "current"> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const installed = await client.query<{ found: string | null }>(
      "SELECT to_regclass($1)::text AS found",
      [`${QUEUE_SCHEMA}.version`],
    );
    if (!installed.rows[0]?.found) {
      await client.query(PgBoss.getConstructionPlans(QUEUE_SCHEMA));
      return "installed";
    }
    const current = await client.query<{ version: number }>(
      `SELECT version FROM ${QUEUE_SCHEMA}.version`,
    );
    const version = current.rows[0]?.version ?? 0;
    if (version >= QUEUE_SCHEMA_VERSION) return "current";
    await client.query(PgBoss.getMigrationPlans(QUEUE_SCHEMA, String(version)));
    return "upgraded";
  } finally {
    await client.end();
  }
}
