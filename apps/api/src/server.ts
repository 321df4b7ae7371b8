import { type Server } from "node:http";

import {
  createNodeServer,
  createTrpcHandler,
  readinessResponse,
  workerHealthResponse,
} from "@fastnext/api/http";
import { appDb } from "@fastnext/db";

/**
 * The standalone API: `/trpc/*` is the same router and handler as the web
 * app's `/api/trpc`, with `/health`, `/health/worker` and `/ready` beside it.
 */
export function createApiServer(): Server {
  const handler = createTrpcHandler({ endpoint: "/trpc" });
  return createNodeServer(handler, {
    prefix: "/trpc/",
    extraRoutes: {
      "/health": () => Response.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()) }),
      "/health/worker": () => workerHealthResponse(appDb()),
      "/ready": () => readinessResponse(appDb()),
    },
  });
}
