import { type ScopedDb } from "@fastnext/db";

import { type Principal } from "./access/principal";
import { type CoreDeps } from "./deps";
import { type Actor } from "./activity";

/**
 * What a service needs from a signed-in request: the scoped transaction,
 * the caller, and the caller's identity for the trail. Services know
 * nothing of tRPC; procedures build this with `serviceContext(ctx)`.
 */
export interface ServiceContext {
  db: ScopedDb;
  principal: Principal;
  actor: Actor;
  deps: CoreDeps;
}

/**
 * A service context for the services that need no dependency but
 * telemetry (creating and assigning workflow items): a background job that
 * acts for a user (an import) runs them exactly as a request does.
 */
export type WorkContext = Omit<ServiceContext, "deps"> & { deps: Pick<CoreDeps, "telemetry"> };

interface AuthedCtx {
  db: ScopedDb;
  principal: Principal;
  deps: CoreDeps;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

export function serviceContext(ctx: AuthedCtx): ServiceContext {
  return {
    db: ctx.db,
    principal: ctx.principal,
    deps: ctx.deps,
    actor: {
      userId: ctx.principal.userId,
      requestId: ctx.requestId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    },
  };
}
