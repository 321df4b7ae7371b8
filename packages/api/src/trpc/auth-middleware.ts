import { AppError, loadAccess, type Principal, resolveCredentials } from "@fastnext/core";
import {
  applyScope,
  RetryOnPrimary,
  withSessionScope,
  type PrismaClient,
  type ScopedDb,
} from "@fastnext/db";

import { t } from "./init";
import { readsOnly } from "./meta";
import { throttleSignedInCall } from "./throttle";

/** Carries a failed result out of the transaction so that it rolls back. */
class Rollback<T> extends Error {
  constructor(readonly result: T) {
    super("rolled back: the procedure failed");
  }
}

/**
 * A read-only call that failed on the replica for a reason not its own
 * (INTERNAL_SERVER_ERROR): handed to the read routing, which runs the call
 * again on the primary if the replica turns out to be down.
 */
class FailedOnReplica<T> extends Error {
  constructor(readonly result: T) {
    super("failed on the replica");
  }
}

function failedOnInfrastructure(result: { ok: false; error: { code: string; cause?: unknown } }) {
  return result.error.code === "INTERNAL_SERVER_ERROR" && !(result.error.cause instanceof AppError);
}

/**
 * Signs the caller in, applies the general rate limit of signed-in calls,
 * and runs the rest of the procedure inside ONE
 * transaction scoped to them. The first statement (app.begin_request) sets
 * the caller's settings with the permission set believed current and
 * returns the account, session and access-version state; only when the
 * version moved (a role change) is the permission set reloaded and set
 * again. A procedure that fails leaves nothing written.
 *
 * Read-only calls (`readsOnly`: queries unless their meta says they write)
 * run in a READ ONLY transaction, on the replica when `deps.reads` has one
 * and it is usable for this caller; a refusal of the session there is
 * checked again on the primary, which may know a session the replica does
 * not have yet. After a successful write the caller's commit position is
 * recorded, so that their next reads see it.
 */
export const authed = t.middleware(async ({ ctx, type, meta, next }) => {
  const credentials = await resolveCredentials(ctx, ctx.deps.tokens);
  if (!credentials)
    throw new AppError("UNAUTHENTICATED", "Sign in first", { reason: "not_signed_in" });
  // Before the transaction: a refused call costs no database work.
  await throttleSignedInCall(ctx, credentials.userId);
  const proceed = (principal: Principal, db: ScopedDb) =>
    next({ ctx: { principal, db, logger: ctx.logger.child({ userId: principal.userId }) } });
  type Result = Awaited<ReturnType<typeof proceed>>;
  const cache = ctx.deps.access;
  const cached = cache.get(credentials.userId);
  const scope = {
    userId: credentials.userId,
    sessionId: credentials.sessionId,
    permissions: cached ? [...cached.permissions] : [],
    requestId: ctx.requestId,
  };
  const readOnly = readsOnly(type, meta);
  const sessionEnded = (onReplica: boolean) =>
    onReplica
      ? new RetryOnPrimary("the replica does not know the session or account")
      : new AppError("UNAUTHENTICATED", "The session has ended", { reason: "session_ended" });

  const attempt = async (pool: PrismaClient, onReplica: boolean): Promise<Result> => {
    try {
      return await withSessionScope(
        pool,
        scope,
        async (db, state) => {
          if (!state?.isActive || !state.sessionValid) throw sessionEnded(onReplica);
          let access = cached;
          if (
            access?.accessVersion !== state.accessVersion ||
            access.isSuperuser !== state.isSuperuser
          ) {
            access = (await loadAccess(db, credentials.userId, state.accessVersion)) ?? undefined;
            if (!access) throw sessionEnded(onReplica);
            cache.set(credentials.userId, access);
            await applyScope(db, {
              userId: credentials.userId,
              permissions: [...access.permissions],
              requestId: ctx.requestId,
            });
          }
          const principal: Principal = {
            userId: credentials.userId,
            sessionId: credentials.sessionId,
            ...access,
          };
          const result = await proceed(principal, db);
          if (!result.ok) {
            if (onReplica && failedOnInfrastructure(result)) throw new FailedOnReplica(result);
            throw new Rollback(result);
          }
          return result;
        },
        { readOnly },
      );
    } catch (error) {
      if (error instanceof Rollback) return (error as Rollback<Result>).result;
      throw error;
    }
  };

  const reads = ctx.deps.reads;
  if (readOnly && reads?.hasReplica) {
    try {
      return await reads.read(credentials.userId, attempt);
    } catch (error) {
      // The replica answered after all: the failure was the call's own.
      if (error instanceof FailedOnReplica) return (error as FailedOnReplica<Result>).result;
      throw error;
    }
  }
  const result = await attempt(ctx.deps.pool, false);
  if (result.ok && !readOnly && type !== "subscription") await reads?.noteWrite(credentials.userId);
  return result;
});

/**
 * FORBIDDEN unless the signed-in caller holds the permission the procedure
 * declares in its metadata (`permissionProcedure` sets it). A procedure
 * that reaches this without declaring one is refused: never let through.
 */
export const requirePermission = t.middleware(({ ctx, meta, next }) => {
  const principal = (ctx as { principal?: Principal }).principal;
  if (!principal)
    throw new AppError("UNAUTHENTICATED", "Sign in first", { reason: "not_signed_in" });
  const permission = meta?.permission;
  if (!permission) throw new Error("a permission check on a procedure that declares no permission");
  if (!principal.permissions.has(permission)) {
    throw new AppError("FORBIDDEN", `This needs the "${permission}" permission`, {
      reason: "missing_permission",
      details: { permission },
    });
  }
  return next();
});
