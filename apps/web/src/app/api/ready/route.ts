import { readinessResponse } from "@fastnext/api/http";
import { appDb } from "@fastnext/db";

export const dynamic = "force-dynamic";

/** Readiness: the database answers and every shipped migration is applied; the worker is reported beside it. */
export function GET(): Promise<Response> {
  return readinessResponse(appDb());
}
