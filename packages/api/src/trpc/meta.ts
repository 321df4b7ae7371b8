import { type Permission } from "@fastnext/validators";

/**
 * What a procedure declares about who may call it, set by the procedure
 * builders (`publicProcedure`, `authedProcedure`, `permissionProcedure`)
 * and read by the middleware that enforces it and by the router guard test.
 */
export interface ProcedureMeta {
  /** "public": callable signed out (and listed in PUBLIC_PROCEDURES); "signed-in": behind `authed`. */
  caller?: "public" | "signed-in";
  /** The catalogue permission the caller must hold; enforced from here, so declared is enforced. */
  permission?: Permission;
}
