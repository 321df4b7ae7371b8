import { type Permission } from "@fastnext/validators";

import { authed, requirePermission } from "./auth-middleware";
import { t } from "./init";
import { recordCall } from "./metrics";
import { observe } from "./middleware";
import { traced } from "./tracing";

export const router = t.router;
export const mergeRouters = t.mergeRouters;
export const createCallerFactory = t.createCallerFactory;

/** Open to anyone. Every use must be listed in PUBLIC_PROCEDURES. The builders alone set `caller`. */
export const publicProcedure = t.procedure
  .use(traced)
  .use(recordCall)
  .use(observe)
  .meta({ caller: "public" });

/** Any signed-in, active user; runs in the caller's scoped transaction. */
export const authedProcedure = publicProcedure.use(authed).meta({ caller: "signed-in" });

/** A signed-in user holding `permission` (FORBIDDEN otherwise), declared in the procedure's metadata. */
export function permissionProcedure(permission: Permission) {
  return authedProcedure.meta({ permission }).use(requirePermission);
}
