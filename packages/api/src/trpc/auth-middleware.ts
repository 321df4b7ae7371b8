import { applyScope, withScope, type ScopedDb } from "@fastnext/db";
import { type Permission } from "@fastnext/validators";

import { resolveCredentials } from "../auth/credentials";
import { loadPrincipal, scopeOf, type Principal } from "../auth/principal";
import { AppError } from "../errors";
import { t } from "./init";

/** Carries a failed result out of the transaction so that it rolls back. */
class Rollback<T> extends Error {
  constructor(readonly result: T) {
    super("rolled back: the procedure failed");
  }
}

/**
 * Signs the caller in and runs the rest of the procedure inside ONE
 * transaction scoped to them: the user id is set first, the principal
 * (roles, permissions, active flag, session) is loaded under RLS, then the
 * permissions are set for the policies too. A procedure that fails leaves
 * nothing written.
 */
export const authed = t.middleware(async ({ ctx, next }) => {
  const credentials = await resolveCredentials(ctx);
  if (!credentials) throw new AppError("UNAUTHENTICATED", "Sign in first", { reason: "not_signed_in" });
  const proceed = (principal: Principal, db: ScopedDb) =>
    next({ ctx: { principal, db, logger: ctx.logger.child({ userId: principal.userId }) } });
  type Result = Awaited<ReturnType<typeof proceed>>;
  try {
    return await withScope(
      ctx.deps.pool,
      { userId: credentials.userId, permissions: [], requestId: ctx.requestId },
      async (db) => {
        const principal = await loadPrincipal(db, credentials);
        if (!principal) {
          throw new AppError("UNAUTHENTICATED", "The session has ended", { reason: "session_ended" });
        }
        await applyScope(db, scopeOf(principal, ctx.requestId));
        const result = await proceed(principal, db);
        if (!result.ok) throw new Rollback(result);
        return result;
      },
    );
  } catch (error) {
    if (error instanceof Rollback) return (error as Rollback<Result>).result;
    throw error;
  }
});

/** Middlewares made by `requirePermission`, with what each requires (read by tests). */
export const permissionOfMiddleware = new Map<unknown, Permission>();

/** FORBIDDEN unless the signed-in caller holds `permission`. */
export function requirePermission(permission: Permission) {
  const middleware = t.middleware(({ ctx, next }) => {
    const principal = (ctx as { principal?: Principal }).principal;
    if (!principal) throw new AppError("UNAUTHENTICATED", "Sign in first", { reason: "not_signed_in" });
    if (!principal.permissions.has(permission)) {
      throw new AppError("FORBIDDEN", `This needs the "${permission}" permission`, {
        reason: "missing_permission",
        details: { permission },
      });
    }
    return next();
  });
  for (const fn of middleware._middlewares) permissionOfMiddleware.set(fn, permission);
  return middleware;
}
