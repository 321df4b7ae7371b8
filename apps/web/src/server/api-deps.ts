import { createApiDeps, type ApiDeps } from "@fastnext/api";

import { webEnv } from "../env";

const globalForApi = globalThis as unknown as { fastnextApiDeps?: ApiDeps };

/**
 * The web app's composition root: the API's dependencies, built from the
 * web app's configuration on first use (not at import: `next build`
 * imports routes without the runtime environment). Kept on globalThis so
 * development reloads reuse one pool.
 */
export function apiDeps(): ApiDeps {
  globalForApi.fastnextApiDeps ??= createApiDeps(webEnv().api);
  return globalForApi.fastnextApiDeps;
}
