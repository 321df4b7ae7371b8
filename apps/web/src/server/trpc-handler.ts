import { createTrpcHandler, type RequestInfo } from "@fastnext/api/http";

import { webEnv } from "../env";
import { apiDeps, webMetrics } from "./api-deps";
import { readSessionCookie } from "./auth/cookie";

let handler: ReturnType<typeof createTrpcHandler> | undefined;

/** `/api/trpc`: the API's one HTTP entry, configured from the web app's environment on the first request. */
export function handleTrpcRequest(request: Request, info: RequestInfo): Promise<Response> {
  if (!handler) {
    const env = webEnv();
    handler = createTrpcHandler({
      endpoint: "/api/trpc",
      deps: apiDeps,
      allowedOrigins: env.api.CORS_ORIGINS,
      maxBodyBytes: env.api.API_MAX_BODY_BYTES,
      trustProxy: env.api.TRUSTED_PROXIES,
      // Without a Bearer token, the caller is whoever the next-auth cookie names.
      resolveSession: (headers) => readSessionCookie(headers, env.NEXTAUTH_SECRET),
      metrics: webMetrics(),
    });
  }
  return handler(request, info);
}
