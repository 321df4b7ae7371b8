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

function transactionOptions(options: ScopeOptions) {
  return {
    maxWait: options.maxWaitMs ?? 5_000,
    timeout: options.timeoutMs ?? 15_000,
    ...(options.isolationLevel ? { isolationLevel: options.isolationLevel } : {}),
  };
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
  return db.$transaction(async (tx) => {
    await applyScope(tx, scope);
    return work(tx);
  }, transactionOptions(options));
}

/** A signed-in request: the session it claims and the permissions believed current. */
export interface SessionScope {
  userId: string;
  sessionId: string;
  permissions: readonly string[];
  requestId: string;
}

/** What the database says about the caller at the start of the request. */
export interface SessionState {
  isActive: boolean;
  isSuperuser: boolean;
  accessVersion: number;
  sessionValid: boolean;
}

interface SessionStateRow {
  is_active: boolean;
  is_superuser: boolean;
  access_version: number;
  session_valid: boolean;
}

/**
 * `withScope` for a signed-in request, in one round trip: app.begin_request
 * sets the scope and returns the account and session state to re-check
 * (null when the user does not exist). `work` decides what to do with it,
 * and may call `applyScope` again if the permissions it assumed were stale.
 */
export function withSessionScope<T>(
  db: PrismaClient,
  scope: SessionScope,
  work: (tx: ScopedDb, state: SessionState | null) => Promise<T>,
  options: ScopeOptions = {},
): Promise<T> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<SessionStateRow[]>`
      SELECT * FROM app.begin_request(${scope.userId}::uuid, ${scope.sessionId}::uuid,
                                      ${scope.permissions.join(",")}, ${scope.requestId})`;
    const row = rows[0];
    const state = row
      ? {
          isActive: row.is_active,
          isSuperuser: row.is_superuser,
          accessVersion: row.access_version,
          sessionValid: row.session_valid,
        }
      : null;
    return work(tx, state);
  }, transactionOptions(options));
}
