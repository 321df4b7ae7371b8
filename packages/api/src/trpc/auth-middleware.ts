import { AppError, loadAccess, type Principal, resolveCredentials } from "@fastnext/core";
import { applyScope, withSessionScope, type ScopedDb } from "@fastnext/db";

import { t } from "./init";
import { throttleSignedInCall } from "./throttle";

/** Carries a failed result out of the transaction so that it rolls back. */
class Rollback<T> extends Error {
  constructor(readonly result: T) {
    super("rolled back: the procedure failed");
  }
}

/**
 * Signs the caller in, applies the general rate limit of signed-in calls,
 * and runs the rest of the procedure inside ONE
 * transaction scoped to them. The first statement (app.begin_request) sets
 * the caller's settings with the permission set believed current and
 * returns the account, session and access-version state; only when the
 * version moved (a role change) is the permission set reloaded and set
 * again. A procedure that fails leaves nothing written.
 */
export const authed = t.middleware(async ({ ctx, next }) => {
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
  try {
    return await withSessionScope(ctx.deps.pool, scope, async (db, state) => {
      if (!state?.isActive || !state.sessionValid) {
        throw new AppError("UNAUTHENTICATED", "The session has ended", { reason: "session_ended" });
      }
      let access = cached;
      if (
        access?.accessVersion !== state.accessVersion ||
        access.isSuperuser !== state.isSuperuser
      ) {
        access = (await loadAccess(db, credentials.userId, state.accessVersion)) ?? undefined;
        if (!access)
          throw new AppError("UNAUTHENTICATED", "The session has ended", {
            reason: "session_ended",
          });
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
      if (!result.ok) throw new Rollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof Rollback) return (error as Rollback<Result>).result;
    throw error;
  }
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
