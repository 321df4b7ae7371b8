import { createApiDeps, type ApiDeps } from "@fastnext/api";
import { createApiMetrics, createRegistry, type ApiMetrics } from "@fastnext/metrics";

import { webEnv } from "../env";

const globalForApi = globalThis as unknown as {
  fastnextApiDeps?: ApiDeps;
  fastnextMetrics?: ApiMetrics;
};

/**
 * The process's one metrics registry. Kept on globalThis like the deps:
 * Next.js may load this module once per server layer, and `/api/metrics`
 * must read the registry the tRPC route records into.
 */
export function webMetrics(): ApiMetrics {
  globalForApi.fastnextMetrics ??= createApiMetrics(createRegistry());
  return globalForApi.fastnextMetrics;
}

/**
 * The web app's composition root: the API's dependencies, built from the
 * web app's configuration on first use (not at import: `next build`
 * imports routes without the runtime environment). Kept on globalThis so
 * development reloads reuse one pool.
 */
export function apiDeps(): ApiDeps {
  globalForApi.fastnextApiDeps ??= createApiDeps(webEnv().api, { metrics: webMetrics() });
  return globalForApi.fastnextApiDeps;
}
