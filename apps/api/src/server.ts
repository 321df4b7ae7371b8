import { type Server } from "node:http";

import { type ApiDeps } from "@fastnext/api";
import { type ApiConfig } from "@fastnext/api/env";
import {
  apiReferenceRoutes,
  ATTACHMENTS_PATH,
  createAttachmentHandler,
  createNodeServer,
  createOAuthHandler,
  createRestHandler,
  createTransferHandler,
  createTrpcHandler,
  oauthRoutePaths,
  REST_BASE_PATH,
  readinessResponse,
  TRANSFERS_PATH,
  workerHealthResponse,
} from "@fastnext/api/http";
import { METRICS_PATH, metricsResponse, type ApiMetrics } from "@fastnext/metrics";

import { type Shutdown } from "./shutdown";

/** The process's metrics, and whether `/metrics` on this server serves them (with this token). */
export interface ServerMetrics {
  metrics: ApiMetrics;
  /** Bearer token `/metrics` asks for; null: not served here (off, or on a listener of its own). */
  token: string | null;
}

/**
 * The standalone API: `/trpc/*` is the same router and handler as the web
 * app's `/api/trpc`, `/api/v1/*` the same REST operations as the web app's
 * (with `/api/openapi.json` and `/api/docs`), `/api/attachments/*` the
 * file upload and download routes, `/api/transfers/*` the export downloads, with `/health`,
 * `/health/worker` and `/ready` beside them, and `/metrics` when a token
 * guards it.
 */
export function createApiServer(
  config: ApiConfig,
  deps: ApiDeps,
  observed: ServerMetrics | null = null,
  shutdown?: Shutdown,
): Server {
  const metrics = observed?.metrics ?? null;
  const token = observed?.token ?? null;
  const handler = createTrpcHandler({
    endpoint: "/trpc",
    deps,
    allowedOrigins: config.CORS_ORIGINS,
    maxBodyBytes: config.API_MAX_BODY_BYTES,
    trustProxy: config.TRUSTED_PROXIES,
    metrics,
  });
  // The phone flow's external sign-in (`/oauth/<provider>/authorize`, `…/callback`).
  const oauth = createOAuthHandler({
    prefix: "/oauth",
    identity: config.identity,
    deps,
    trustProxy: config.TRUSTED_PROXIES,
  });
  const oauthRoutes = Object.fromEntries(
    oauthRoutePaths("/oauth", config.identity).map((path) => [path, oauth]),
  );
  const rest = createRestHandler({
    deps,
    allowedOrigins: config.CORS_ORIGINS,
    maxBodyBytes: config.API_MAX_BODY_BYTES,
    trustProxy: config.TRUSTED_PROXIES,
    metrics,
  });
  const attachments = createAttachmentHandler({
    deps,
    allowedOrigins: config.CORS_ORIGINS,
    trustProxy: config.TRUSTED_PROXIES,
    metrics,
  });
  const transfers = createTransferHandler({
    deps,
    allowedOrigins: config.CORS_ORIGINS,
    trustProxy: config.TRUSTED_PROXIES,
    metrics,
  });
  return createNodeServer(handler, {
    prefix: "/trpc/",
    mounts: [
      { prefix: `${REST_BASE_PATH}/`, handler: rest },
      { prefix: `${ATTACHMENTS_PATH}/`, handler: attachments },
      { prefix: `${TRANSFERS_PATH}/`, handler: transfers },
    ],
    trustProxy: config.TRUSTED_PROXIES,
    shutdown,
    extraRoutes: {
      ...oauthRoutes,
      ...apiReferenceRoutes(),
      "/health": () => Response.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()) }),
      "/health/worker": () => workerHealthResponse(deps.pool),
      // A stopping instance is not ready, whatever its database says.
      "/ready": () =>
        shutdown?.draining()
          ? Response.json({ status: "stopping" }, { status: 503, headers: { "retry-after": "5" } })
          : readinessResponse(deps.pool),
      ...(metrics && token !== null
        ? {
            [METRICS_PATH]: async (request: Request) => {
              const response = await metricsResponse(request, {
                registry: metrics.registry,
                token,
              });
              metrics.httpResponse("metrics", response.status);
              return response;
            },
          }
        : {}),
    },
  });
}
