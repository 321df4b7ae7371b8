import { createTransferHandler, type RequestInfo } from "@fastnext/api/http";

import { webEnv } from "../env";
import { apiDeps, webMetrics } from "./api-deps";
import { readSessionCookie } from "./auth/cookie";

let handler: ReturnType<typeof createTransferHandler> | undefined;

/** `/api/transfers/*`: export downloads, configured from the web app's environment on the first request. */
export function handleTransferRequest(request: Request, info: RequestInfo): Promise<Response> {
  if (!handler) {
    const env = webEnv();
    handler = createTransferHandler({
      deps: apiDeps,
      allowedOrigins: env.api.CORS_ORIGINS,
      trustProxy: env.api.TRUSTED_PROXIES,
      // A download link opened in the browser carries the session cookie.
      resolveSession: (headers) => readSessionCookie(headers, env.NEXTAUTH_SECRET),
      metrics: webMetrics(),
    });
  }
  return handler(request, info);
}
