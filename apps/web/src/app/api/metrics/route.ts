import { metricsResponse } from "@fastnext/metrics";

import { webEnv } from "~/env";
import { apiDeps, webMetrics } from "~/server/api-deps";

export const dynamic = "force-dynamic";

/** Prometheus's scrape of this process, behind METRICS_TOKEN; without one, not served. */
export async function GET(request: Request): Promise<Response> {
  const { token } = webEnv().metrics;
  if (token === null) return new Response("Not found", { status: 404 });
  // The deps register the pool, worker and stream gauges: made now if no call made them yet.
  apiDeps();
  const metrics = webMetrics();
  const response = await metricsResponse(request, { registry: metrics.registry, token });
  metrics.httpResponse("metrics", response.status);
  return response;
}
