import { apiDeps } from "~/server/api-deps";

import { workerHealthResponse } from "@fastnext/api/http";

export const dynamic = "force-dynamic";

/** Whether a worker is running: 503 when none has sent a heartbeat lately. For alerting. */
export function GET(): Promise<Response> {
  return workerHealthResponse(apiDeps().pool);
}
