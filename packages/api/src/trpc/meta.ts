import { type OpenApiMeta } from "trpc-to-openapi";

import { type Permission } from "@fastnext/validators";

/** How a procedure is offered over REST: its method and resource path under `/api/v1`. */
export type RestMapping = NonNullable<OpenApiMeta["openapi"]>;

/**
 * What a procedure declares about who may call it, set by the procedure
 * builders (`publicProcedure`, `authedProcedure`, `permissionProcedure`)
 * and read by the middleware that enforces it and by the router guard test.
 * A type rather than an interface: trpc-to-openapi reads routers whose meta
 * is a string-keyed record, which an interface never is.
 */
export type ProcedureMeta = {
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
  /**
   * The procedure's REST operation (trpc-to-openapi): method, path under
   * `/api/v1` with `{field}` for input fields taken from the path, a summary
   * and a tag. Every procedure has one unless it is in
   * REST_EXCLUDED_PROCEDURES; a test fails otherwise.
   */
  openapi?: RestMapping;
};

/** Whether a call of this type and metadata runs read-only (and may use the replica). */
export function readsOnly(type: "query" | "mutation" | "subscription", meta?: ProcedureMeta) {
  return type === "query" && meta?.writes !== true;
}
