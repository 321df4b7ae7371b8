import { z } from "zod";

import {
  applyScope,
  Prisma,
  scopedRows,
  withScope,
  type PrismaClient,
  type ScopedDb,
} from "@fastnext/db";
import { type Permission } from "@fastnext/validators";

import { loadAccess } from "../access/principal";
import { AppError } from "../errors";

/** Who a transfer runs as: its requester, with the permissions they hold now. */
export interface Requester {
  userId: string;
  isSuperuser: boolean;
  permissions: ReadonlySet<Permission>;
}

export interface RequesterScopeOptions {
  /** Longest the transaction may stay open (a large export streams inside one). */
  timeoutMs?: number;
  readOnly?: boolean;
}

const ZActiveRow = z.object({ is_active: z.boolean() });

/**
 * Runs `work` on the application role's pool as the transfer's requester:
 * one transaction whose scope is the requester's id and the permissions
 * they hold at this moment (read in the same transaction, as `authed`
 * does for a request), so RLS shows the job exactly what the requester
 * could see in the product now. A requester who was deactivated, or whose
 * account is gone, runs nothing.
 */
export function withRequesterScope<T>(
  pool: PrismaClient,
  userId: string,
  requestId: string,
  work: (tx: ScopedDb, requester: Requester) => Promise<T>,
  options: RequesterScopeOptions = {},
): Promise<T> {
  return withScope(
    pool,
    { userId, permissions: [], requestId },
    async (tx) => {
      const [row] = z
        .array(ZActiveRow)
        .parse(
          await scopedRows(tx, Prisma.sql`SELECT is_active FROM users WHERE id = ${userId}::uuid`),
        );
      const access = row?.is_active ? await loadAccess(tx, userId, 0) : null;
      if (!access) {
        throw new AppError("FORBIDDEN", "The account that asked for this is not active", {
          reason: "requester_inactive",
        });
      }
      await applyScope(tx, { userId, permissions: [...access.permissions], requestId });
      return work(tx, {
        userId,
        isSuperuser: access.isSuperuser,
        permissions: access.permissions,
      });
    },
    { timeoutMs: options.timeoutMs, readOnly: options.readOnly },
  );
}
