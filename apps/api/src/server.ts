import { type Server } from "node:http";

import { type ApiDeps } from "@fastnext/api";
import { type ApiConfig } from "@fastnext/api/env";
import {
  createNodeServer,
  createTrpcHandler,
  readinessResponse,
  workerHealthResponse,
} from "@fastnext/api/http";

/**
 * The standalone API: `/trpc/*` is the same router and handler as the web
 * app's `/api/trpc`, with `/health`, `/health/worker` and `/ready` beside it.
 */
export function createApiServer(config: ApiConfig, deps: ApiDeps): Server {
  const handler = createTrpcHandler({
    endpoint: "/trpc",
    deps,
    allowedOrigins: config.CORS_ORIGINS,
    maxBodyBytes: config.API_MAX_BODY_BYTES,
    trustProxy: config.TRUSTED_PROXIES,
  });
  return createNodeServer(handler, {
    prefix: "/trpc/",
    trustProxy: config.TRUSTED_PROXIES,
    extraRoutes: {
      "/health": () => Response.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()) }),
      "/health/worker": () => workerHealthResponse(deps.pool),
      "/ready": () => readinessResponse(deps.pool),
    },
  });
}
