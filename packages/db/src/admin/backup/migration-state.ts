import type pg from "pg";

import { expectedMigrations } from "../../generated/migrations";

/** A row of Prisma's `_prisma_migrations` table, as far as restores care. */
export interface MigrationRecord {
  name: string;
  checksum: string;
  /** False while it failed or was rolled back: Prisma does not count it as applied. */
  applied: boolean;
}

export interface MigrationComparison {
  /** Migrations of this checkout the database has not applied: `pnpm db:migrate` applies them. */
  pending: string[];
  /** Applied migrations this checkout does not know: the data is from a newer release. */
  unknown: string[];
}

const MIGRATIONS_TABLE = "_prisma_migrations";

/**
 * The migration rows of a plain-SQL rendering of `_prisma_migrations`'s data
 * (`pg_restore --data-only --table=_prisma_migrations --file=-`): its COPY
 * block, tab-separated with \N for NULL.
 */
export function parseMigrationCopy(sql: string): MigrationRecord[] {
  const lines = sql.split("\n");
  const start = lines.findIndex((line) =>
    new RegExp(`^COPY \\S*"?${MIGRATIONS_TABLE}"? \\(`).test(line),
  );
  if (start === -1) return [];
  const columns = /\(([^)]*)\)/
    .exec(lines[start] ?? "")?.[1]
    ?.split(",")
    .map((c) => c.trim().replaceAll('"', ""));
  if (!columns) return [];
  const index = (name: string) => columns.indexOf(name);
  const records: MigrationRecord[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line === "\\.") break;
    const fields = line.split("\t");
    const field = (name: string) => fields[index(name)] ?? "\\N";
    records.push({
      name: field("migration_name"),
      checksum: field("checksum"),
      applied: field("finished_at") !== "\\N" && field("rolled_back_at") === "\\N",
    });
  }
  return records;
}

/** The migration rows of a live database; none when it has no migration table. */
export async function readMigrationRecords(client: pg.Client): Promise<MigrationRecord[]> {
  const { rows: table } = await client.query<{ found: string | null }>(
    "SELECT to_regclass($1)::text AS found",
    [`public.${MIGRATIONS_TABLE}`],
  );
  if (!table[0]?.found) return [];
  const { rows } = await client.query<MigrationRecord>(
    `SELECT migration_name AS name, checksum,
            finished_at IS NOT NULL AND rolled_back_at IS NULL AS applied
       FROM public.${MIGRATIONS_TABLE}`,
  );
  return rows;
}

/** How applied migrations compare with the ones this checkout ships. */
export function compareWithCheckout(records: readonly MigrationRecord[]): MigrationComparison {
  const applied = new Set(records.filter((r) => r.applied).map((r) => r.name));
  const known = new Set(expectedMigrations);
  return {
    pending: expectedMigrations.filter((name) => !applied.has(name)),
    unknown: [...applied].filter((name) => !known.has(name)).sort(),
  };
}

/** A stable rendering of migration rows, to tell whether two sets are the same. */
export function migrationFingerprint(records: readonly MigrationRecord[]): string {
  return records
    .map((r) => `${r.name}:${r.checksum}:${r.applied}`)
    .sort()
    .join("\n");
}
