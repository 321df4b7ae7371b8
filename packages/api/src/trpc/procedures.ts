import { type Permission } from "@fastnext/validators";

import { authed, requirePermission } from "./auth-middleware";
import { t } from "./init";
import { observe } from "./middleware";

export const router = t.router;
export const mergeRouters = t.mergeRouters;
export const createCallerFactory = t.createCallerFactory;

/** Open to anyone. Every use must be listed in PUBLIC_PROCEDURES. */
export const publicProcedure = t.procedure.use(observe);

/** Any signed-in, active user; runs in the caller's scoped transaction. */
export const authedProcedure = publicProcedure.use(authed);

/** A signed-in user holding `permission` (FORBIDDEN otherwise). */
export function permissionProcedure(permission: Permission) {
  return authedProcedure.use(requirePermission(permission));
}
