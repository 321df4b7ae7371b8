import pg from "pg";
import { z } from "zod";

import { transactionPoolOf } from "./client";
import { type Prisma, type PrismaClient } from "./generated/prisma/client";
import { type ParameterizedStatement, type ScopedConnection } from "./scoped-connection";
import { type Opening } from "./transaction-pool";

/**
 * A client bound to one transaction whose caller settings are already set.
 * In a transaction opened by `withScope` / `withSessionScope`, raw SQL goes
 * through `scopedRows` / `scopedExecute` (the transaction's own connection);
 * Prisma's raw methods remain for code that also runs in the system
 * login's transactions (events, the worker), which have no such connection.
 */
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
  /** Longest time the transaction may stay open before it is rolled back. */
  timeoutMs?: number;
  /**
   * BEGIN READ ONLY: the server refuses every write. Read-only procedures
   * run so wherever they run (replica or primary), so one that writes fails
   * the same way with or without a replica configured.
   */
  readOnly?: boolean;
}

function transactionOptions(options: ScopeOptions) {
  return { maxWait: options.maxWaitMs ?? 5_000, timeout: options.timeoutMs ?? 15_000 };
}

const literal = pg.escapeLiteral;

/**
 * The SELECT that sets a scope, with its values as escaped literals: it is
 * sent together with BEGIN in one simple-protocol round trip, which cannot
 * carry parameters.
 */
function scopeSettingsSql(scope: Scope): string {
  return `SELECT set_config('app.user_id', ${literal(scope.userId ?? "")}, true),
    set_config('app.permissions', ${literal(scope.permissions.join(","))}, true),
    set_config('app.request_id', ${literal(scope.requestId ?? "")}, true)`;
}

/**
 * Sets the caller's settings for the rest of the current transaction, in
 * one round trip. `set_config(..., true)` is transaction-local: after commit
 * or rollback the pooled connection is back to seeing nothing.
 */
export async function applyScope(tx: ScopedDb, scope: Scope): Promise<void> {
  // The same statement as at BEGIN; its values are already escaped literals.
  await connectionOf(tx).rows({ text: scopeSettingsSql(scope), values: [] });
}

/** Each open scoped transaction's client, and the pg connection under it. */
const connections = new WeakMap<ScopedDb, ScopedConnection>();

function connectionOf(tx: ScopedDb): ScopedConnection {
  const connection = connections.get(tx);
  if (!connection)
    throw new Error("Not a scoped transaction: open one with withScope or withSessionScope");
  return connection;
}

/**
 * Runs one statement (built with `Prisma.sql`) in the scoped transaction `tx`,
 * on its own connection: the same transaction, settings and policies as
 * Prisma's `$queryRaw`, without Prisma's query pipeline, which costs several
 * times the statement's own CPU on a hot read. Rows come as pg parses them
 * (timestamps as Date; int8, numeric as strings); validate them with a
 * schema as for any raw query. Refused once the transaction has ended.
 */
export async function scopedRows(
  tx: ScopedDb,
  statement: ParameterizedStatement,
): Promise<unknown[]> {
  return connectionOf(tx).rows(statement);
}

/** `scopedRows` for a statement that changes rows: how many it changed. */
export async function scopedExecute(
  tx: ScopedDb,
  statement: ParameterizedStatement,
): Promise<number> {
  return connectionOf(tx).execute(statement);
}

/** Runs `work` with `tx` bound to the transaction's connection (see `scopedRows`). */
async function bound<T>(
  tx: ScopedDb,
  opening: Opening,
  work: (tx: ScopedDb) => Promise<T>,
): Promise<T> {
  connections.set(tx, opening.connection);
  try {
    return await work(tx);
  } finally {
    connections.delete(tx);
  }
}

/**
 * The one way to run database work for a caller: one interactive
 * transaction whose BEGIN also sets the caller's scope (one round trip).
 * Everything in `work` commits together or not at all.
 */
export function withScope<T>(
  db: PrismaClient,
  scope: Scope,
  work: (tx: ScopedDb) => Promise<T>,
  options: ScopeOptions = {},
): Promise<T> {
  return transactionPoolOf(db).withOpening(
    scopeSettingsSql(scope),
    (opened) => db.$transaction((tx) => bound(tx, opened(), work), transactionOptions(options)),
    { readOnly: options.readOnly },
  );
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

const ZSessionStateRow = z.object({
  is_active: z.boolean(),
  is_superuser: z.boolean(),
  access_version: z.number().int(),
  session_valid: z.boolean(),
});

/**
 * `withScope` for a signed-in request, in the same single round trip with
 * BEGIN: app.begin_request sets the scope and returns the account and session
 * state to re-check (null when the user does not exist). `work` decides
 * what to do with it, and may call `applyScope` again if the permissions it
 * assumed were stale.
 */
export function withSessionScope<T>(
  db: PrismaClient,
  scope: SessionScope,
  work: (tx: ScopedDb, state: SessionState | null) => Promise<T>,
  options: ScopeOptions = {},
): Promise<T> {
  const opening = `SELECT * FROM app.begin_request(${literal(scope.userId)}::uuid, ${literal(scope.sessionId)}::uuid,
    ${literal(scope.permissions.join(","))}, ${literal(scope.requestId)})`;
  return transactionPoolOf(db).withOpening(
    opening,
    (opened) =>
      db.$transaction((tx) => {
        const opening = opened();
        const first: unknown = opening.result.rows[0];
        const row = first === undefined ? null : ZSessionStateRow.parse(first);
        const state = row && {
          isActive: row.is_active,
          isSuperuser: row.is_superuser,
          accessVersion: row.access_version,
          sessionValid: row.session_valid,
        };
        return bound(tx, opening, (scoped) => work(scoped, state));
      }, transactionOptions(options)),
    { readOnly: options.readOnly },
  );
}
