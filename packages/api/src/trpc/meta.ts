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
  /**
   * Set on a query that writes (none does today): it runs on the primary in
   * a read-write transaction. Every other query is read-only: it runs in a
   * READ ONLY transaction, on the replica when one is configured
   * (`readsOnly`). Mutations and subscriptions always run on the primary.
   */
  writes?: true;
}

/** Whether a call of this type and metadata runs read-only (and may use the replica). */
export function readsOnly(type: "query" | "mutation" | "subscription", meta?: ProcedureMeta) {
  return type === "query" && meta?.writes !== true;
}
