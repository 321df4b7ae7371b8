import { createAttachmentHandler, type RequestInfo } from "@fastnext/api/http";

import { webEnv } from "../env";
import { apiDeps, webMetrics } from "./api-deps";
import { readSessionCookie } from "./auth/cookie";

let handler: ReturnType<typeof createAttachmentHandler> | undefined;

/** `/api/attachments/*`: file upload and download, configured from the web app's environment on the first request. */
export function handleAttachmentRequest(request: Request, info: RequestInfo): Promise<Response> {
  if (!handler) {
    const env = webEnv();
    handler = createAttachmentHandler({
      deps: apiDeps,
      allowedOrigins: env.api.CORS_ORIGINS,
      trustProxy: env.api.TRUSTED_PROXIES,
      // The item page's download links and upload carry the session cookie.
      resolveSession: (headers) => readSessionCookie(headers, env.NEXTAUTH_SECRET),
      metrics: webMetrics(),
    });
  }
  return handler(request, info);
}
