import { apiDeps } from "~/server/api-deps";

import { readinessResponse } from "@fastnext/api/http";

export const dynamic = "force-dynamic";

/** Readiness: the database answers and every shipped migration is applied; the worker is reported beside it. */
export function GET(): Promise<Response> {
  return readinessResponse(apiDeps().pool);
}
