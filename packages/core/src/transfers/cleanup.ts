import { type PrismaClient } from "@fastnext/db";
import { type ObjectStorage } from "@fastnext/storage";

/** Rows looked at per pass: the clean-up runs often, so each pass stays short. */
const BATCH = 500;

/**
 * Removes the files of exports past their expiry and forgets their keys
 * (the rows stay, as the requester's history). Runs on the system login:
 * the scheduled job is nobody's request. A file is removed before its key
 * is cleared, so a pass that dies half-way leaves a key whose file is
 * gone, which the next pass clears (a missing object is no error).
 */
export async function purgeExpiredExports(
  system: PrismaClient,
  storage: ObjectStorage,
  now: Date = new Date(),
): Promise<number> {
  let purged = 0;
  for (;;) {
    const rows = await system.dataTransfer.findMany({
      where: { kind: "export", expiresAt: { lte: now }, storageKey: { not: null } },
      select: { id: true, storageKey: true },
      orderBy: { expiresAt: "asc" },
      take: BATCH,
    });
    for (const row of rows) {
      if (row.storageKey) await storage.delete(row.storageKey);
      await system.dataTransfer.update({
        where: { id: row.id },
        data: { storageKey: null, updatedAt: new Date() },
      });
    }
    purged += rows.length;
    if (rows.length < BATCH) return purged;
  }
}
