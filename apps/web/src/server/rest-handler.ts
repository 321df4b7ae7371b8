import { apiReferenceRoutes, createRestHandler, type RequestInfo } from "@fastnext/api/http";

import { webEnv } from "../env";
import { apiDeps, webMetrics } from "./api-deps";

let handler: ReturnType<typeof createRestHandler> | undefined;
let reference: ReturnType<typeof apiReferenceRoutes> | undefined;

/** `/api/v1/*`: the REST operations, configured from the web app's environment on the first request. */
export function handleRestRequest(request: Request, info: RequestInfo): Promise<Response> {
  if (!handler) {
    const env = webEnv();
    // Bearer tokens only: the session cookie is not read over REST.
    handler = createRestHandler({
      deps: apiDeps,
      allowedOrigins: env.api.CORS_ORIGINS,
      maxBodyBytes: env.api.API_MAX_BODY_BYTES,
      trustProxy: env.api.TRUSTED_PROXIES,
      metrics: webMetrics(),
    });
  }
  return handler(request, info);
}

/** `/api/openapi.json` and `/api/docs` with its files; 404 for any other path. */
export function handleReferenceRequest(request: Request): Promise<Response> {
  reference ??= apiReferenceRoutes();
  const route = reference[new URL(request.url).pathname];
  return route ? route(request) : Promise.resolve(new Response("Not found", { status: 404 }));
}
