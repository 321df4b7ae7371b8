import { type Prisma, type PrismaClient } from "./generated/prisma/client";

/** A client bound to one transaction whose caller settings are already set. */
export type ScopedDb = Prisma.TransactionClient;

/** What the database's policies know about the caller. */
export interface Scope {
  /** null: nobody is signed in, and policies show no user's rows. */
  userId: string | null;
  permissions: readonly string[];
  requestId?: string | null;
}

export const ANONYMOUS_SCOPE: Scope = { userId: null, permissions: [] };

export interface ScopeOptions {
  /** Longest time to wait for a pooled connection. */
  maxWaitMs?: number;
  /** Longest time the transaction may stay open. */
  timeoutMs?: number;
  isolationLevel?: Prisma.TransactionIsolationLevel;
}

/**
 * Sets the caller's settings for the rest of the current transaction, in
 * one round trip. `set_config(..., true)` is transaction-local: after commit
 * or rollback the pooled connection is back to seeing nothing.
 */
export async function applyScope(tx: ScopedDb, scope: Scope): Promise<void> {
  await tx.$executeRaw`SELECT
    set_config('app.user_id', ${scope.userId ?? ""}, true),
    set_config('app.permissions', ${scope.permissions.join(",")}, true),
    set_config('app.request_id', ${scope.requestId ?? ""}, true)`;
}

/**
 * The one way to run database work for a caller: one interactive
 * transaction that first sets the caller's scope. Everything in `work`
 * commits together or not at all.
 */
export function withScope<T>(
  db: PrismaClient,
  scope: Scope,
  work: (tx: ScopedDb) => Promise<T>,
  options: ScopeOptions = {},
): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await applyScope(tx, scope);
      return work(tx);
    },
    {
      maxWait: options.maxWaitMs ?? 5_000,
      timeout: options.timeoutMs ?? 15_000,
      ...(options.isolationLevel ? { isolationLevel: options.isolationLevel } : {}),
    },
  );
}
