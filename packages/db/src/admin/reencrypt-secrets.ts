import {
  decryptSecret,
  encryptSecret,
  SecretDecryptionError,
  sealedUnderNewestPrefix,
  totpSeedContext,
  type EncryptionKeyRing,
  type SecretDecryptionReason,
} from "@fastnext/auth";

import { type PrismaClient } from "../generated/prisma/client";

/*
 * Re-seals every stored secret under the newest key of the ring, so an
 * older key can leave it. The sealed columns are the users' two-factor
 * seeds (two_factor_secret, and two_factor_pending while a set-up waits for
 * its first code). Rows go in batches ordered by id, each batch one
 * transaction that locks its rows, re-seals them and commits: an
 * interrupted run keeps what it committed, and a later run picks up the
 * rows still not under the newest key (rows already under it are skipped
 * by the query itself).
 *
 * A value that does not open is reported by row and column and left as it
 * is, and the run goes on: one damaged row must not keep every other
 * user's seed under a key being retired. The operator sees the list and a
 * failed exit, and must not remove the old key until it is empty (or the
 * named users have had two-factor reset).
 *
 * Backup codes are kept as keyed digests, which cannot be re-keyed without
 * the codes themselves; they are counted here instead (see
 * BackupCodesUnderOlderKey).
 */

export const SEALED_COLUMNS = ["two_factor_secret", "two_factor_pending"] as const;
export type SealedColumn = (typeof SEALED_COLUMNS)[number];

export interface ReencryptionFailure {
  /** The users row (its id). */
  userId: string;
  column: SealedColumn;
  reason: SecretDecryptionReason;
  message: string;
}

/** Unused backup codes whose digest is under a key other than the newest (kid null: from before key ids). */
export interface BackupCodesUnderOlderKey {
  kid: string | null;
  codes: number;
  users: number;
}

export interface ReencryptionReport {
  /** The key every value was re-sealed under. */
  newestKid: string;
  /** Values found already under the newest key when the run started. */
  alreadyCurrent: number;
  /** Values re-sealed by this run. */
  reencrypted: number;
  failures: ReencryptionFailure[];
  /** Batches committed by this run. */
  batches: number;
  /** False when the run stopped at `maxBatches`: run it again to go on. */
  complete: boolean;
  /** Values still not under the newest key after the run (the failures among them). */
  remaining: number;
  backupCodesUnderOlderKeys: BackupCodesUnderOlderKey[];
}

export interface ReencryptionOptions {
  /** The ring from the environment: the first key seals, the others open what they sealed. */
  keys: EncryptionKeyRing;
  /** Users rows per transaction (default 100). */
  batchSize?: number;
  /** Stop after this many batches (a run split over several windows); default: until done. */
  maxBatches?: number;
  /** Called after each committed batch, e.g. to print progress. */
  onBatch?: (progress: { batch: number; reencrypted: number; failed: number }) => void;
}

interface SealedRow {
  id: string;
  two_factor_secret: string | null;
  two_factor_pending: string | null;
}

const BEFORE_EVERY_UUID = "00000000-0000-0000-0000-000000000000";

/**
 * Re-encrypts every sealed secret under the ring's newest key. `db` must
 * see every user: the system connection (BYPASSRLS), since the tables
 * force row-level security even on their owner.
 */
export async function reencryptSecrets(
  db: PrismaClient,
  options: ReencryptionOptions,
): Promise<ReencryptionReport> {
  const { keys, onBatch } = options;
  const batchSize = options.batchSize ?? 100;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError("batchSize must be a positive integer");
  const prefix = sealedUnderNewestPrefix(keys);

  const counts = async () => {
    const [row] = await db.$queryRaw<{ current: number; other: number }[]>`
      SELECT (count(*) FILTER (WHERE starts_with(two_factor_secret, ${prefix}))
            + count(*) FILTER (WHERE starts_with(two_factor_pending, ${prefix})))::int AS current,
             (count(*) FILTER (WHERE NOT starts_with(two_factor_secret, ${prefix}))
            + count(*) FILTER (WHERE NOT starts_with(two_factor_pending, ${prefix})))::int AS other
      FROM users`;
    return row ?? { current: 0, other: 0 };
  };

  const report: ReencryptionReport = {
    newestKid: keys[0].kid,
    alreadyCurrent: (await counts()).current,
    reencrypted: 0,
    failures: [],
    batches: 0,
    complete: false,
    remaining: 0,
    backupCodesUnderOlderKeys: [],
  };

  let after = BEFORE_EVERY_UUID;
  for (;;) {
    if (options.maxBatches !== undefined && report.batches >= options.maxBatches) break;
    const batch = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<SealedRow[]>`
        SELECT id::text AS id, two_factor_secret, two_factor_pending FROM users
        WHERE id > ${after}::uuid
          AND ((two_factor_secret IS NOT NULL AND NOT starts_with(two_factor_secret, ${prefix}))
            OR (two_factor_pending IS NOT NULL AND NOT starts_with(two_factor_pending, ${prefix})))
        ORDER BY id
        LIMIT ${batchSize}
        FOR UPDATE`;
      let reencrypted = 0;
      const failures: ReencryptionFailure[] = [];
      for (const row of rows) {
        const resealed: Record<SealedColumn, string | null> = {
          two_factor_secret: row.two_factor_secret,
          two_factor_pending: row.two_factor_pending,
        };
        for (const column of SEALED_COLUMNS) {
          const sealed = row[column];
          if (sealed === null || sealed.startsWith(prefix)) continue;
          const context = totpSeedContext(row.id);
          try {
            resealed[column] = encryptSecret(decryptSecret(sealed, { keys, context }), {
              keys,
              context,
            });
            reencrypted += 1;
          } catch (error) {
            if (!(error instanceof SecretDecryptionError)) throw error;
            failures.push({ userId: row.id, column, reason: error.reason, message: error.message });
          }
        }
        // Only the sealed columns: re-sealing is not a change to the account (updated_at stays).
        await tx.$executeRaw`
          UPDATE users
          SET two_factor_secret = ${resealed.two_factor_secret},
              two_factor_pending = ${resealed.two_factor_pending}
          WHERE id = ${row.id}::uuid`;
      }
      return { rows, reencrypted, failures };
    });
    const last = batch.rows.at(-1);
    if (last === undefined) {
      report.complete = true;
      break;
    }
    after = last.id;
    report.batches += 1;
    report.reencrypted += batch.reencrypted;
    report.failures.push(...batch.failures);
    onBatch?.({
      batch: report.batches,
      reencrypted: batch.reencrypted,
      failed: batch.failures.length,
    });
    if (batch.rows.length < batchSize) {
      report.complete = true;
      break;
    }
  }

  report.remaining = (await counts()).other;
  report.backupCodesUnderOlderKeys = await db.$queryRaw<BackupCodesUnderOlderKey[]>`
    SELECT CASE WHEN strpos(code_hash, '.') > 0 THEN split_part(code_hash, '.', 1) END AS kid,
           count(*)::int AS codes, count(DISTINCT user_id)::int AS users
    FROM two_factor_backup_codes
    WHERE used_at IS NULL AND NOT starts_with(code_hash, ${`${keys[0].kid}.`})
    GROUP BY 1
    ORDER BY 1 NULLS FIRST`;
  return report;
}
