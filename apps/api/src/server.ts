import { type Server } from "node:http";

import { createNodeServer, createTrpcHandler } from "@fastnext/api/http";
import { appDb, checkReadiness } from "@fastnext/db";

/**
 * The standalone API: `/trpc/*` is the same router and handler as the web
 * app's `/api/trpc`, with `/health` and `/ready` beside it.
 */
export function createApiServer(): Server {
  const handler = createTrpcHandler({ endpoint: "/trpc" });
  return createNodeServer(handler, {
    prefix: "/trpc/",
    extraRoutes: {
      "/health": () => Response.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()) }),
      "/ready": async () => {
        const readiness = await checkReadiness(appDb());
        if (readiness.ready) return Response.json({ status: "ready", migrations: readiness.migrations });
        return Response.json(
          { status: "not_ready", reason: readiness.reason, detail: readiness.detail },
          { status: 503, headers: { "retry-after": "5" } },
        );
      },
    },
  });
}
