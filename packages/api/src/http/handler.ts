import { type AnyTRPCRouter, type TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { AppError, type ResolveSession } from "@fastnext/core";
import { rootLogger, type Logger } from "@fastnext/logger";
import { type ApiMetrics } from "@fastnext/metrics";

import { type ApiDeps } from "../deps";
import { appRouter } from "../root";
import { createContext } from "../trpc/context";
import { BodyTooLargeError, readBodyWithLimit } from "./body-limit";
import { clientAddress, type TrustProxy } from "./client-address";
import { corsHeaders } from "./cors";
import { edgeErrorResponse } from "./error-response";
import { resolveRequestId } from "./request-id";

export interface TrpcHandlerOptions {
  /** Path prefix the router is mounted at, e.g. "/api/trpc". */
  endpoint: string;
  router?: AnyTRPCRouter;
  logger?: Logger;
  /** Browser origins allowed to call, with credentials (CORS_ORIGINS). */
  allowedOrigins: readonly string[];
  /** Larger request bodies get 413 (API_MAX_BODY_BYTES). */
  maxBodyBytes: number;
  /** Whose X-Forwarded-For to believe (TRUSTED_PROXIES). */
  trustProxy: TrustProxy;
  /** The process's dependencies, or how to build them on first use (procedures that need none never do). */
  deps: ApiDeps | (() => ApiDeps);
  /** How the app reads its own session cookie (the web app passes next-auth's). */
  resolveSession?: ResolveSession;
  /** The process's metrics: calls and HTTP answers are recorded there. */
  metrics?: ApiMetrics | null;
}

export interface RequestInfo {
  /** The socket peer's address (a proxy's, when one is in front); null when unknown. */
  remoteAddress?: string | null;
}

/**
 * Seconds to wait before retrying, when any call of the request was refused
 * by a rate limit (the longest of them, for a batch).
 */
export function retryAfterSeconds(errors: readonly TRPCError[]): number | null {
  let longest: number | null = null;
  for (const error of errors) {
    if (error.code !== "TOO_MANY_REQUESTS" || !(error.cause instanceof AppError)) continue;
    const seconds = error.cause.details?.retryAfterSeconds;
    if (typeof seconds === "number" && (longest === null || seconds > longest)) longest = seconds;
  }
  return longest;
}

/**
 * The one HTTP entry of the API. The Next.js route and the standalone Node
 * server both call it, so request ids, CORS, body limits and logging are the
 * same whichever way a request arrives.
 */
export function createTrpcHandler(options: TrpcHandlerOptions) {
  const router = options.router ?? appRouter;
  const baseLogger = options.logger ?? rootLogger();
  const { allowedOrigins, maxBodyBytes, trustProxy } = options;
  const deps = options.deps;
  const metrics = options.metrics ?? null;

  async function handleTrpcRequest(request: Request, info: RequestInfo = {}): Promise<Response> {
    const requestId = resolveRequestId(request.headers);
    const cors = corsHeaders(request.headers.get("origin"), allowedOrigins);
    if (request.method === "OPTIONS") {
      cors.set("x-request-id", requestId);
      return new Response(null, { status: 204, headers: cors });
    }
    const logger = baseLogger.child({ requestId });

    let req = request;
    if (request.method === "POST") {
      try {
        const body = await readBodyWithLimit(request, maxBodyBytes);
        req = new Request(request.url, {
          method: "POST",
          headers: request.headers,
          body,
          signal: request.signal,
        });
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        logger.info({ limit: maxBodyBytes }, "request body too large");
        return edgeErrorResponse({
          router,
          endpoint: options.endpoint,
          request,
          status: 413,
          error: new AppError("PAYLOAD_TOO_LARGE", error.message, { reason: "body_too_large" }),
          requestId,
          headers: cors,
        });
      }
    }

    return fetchRequestHandler({
      endpoint: options.endpoint,
      req,
      router,
      allowMethodOverride: false,
      createContext: ({ info: call }) =>
        createContext({
          requestId,
          logger,
          headers: req.headers,
          ip: clientAddress(info.remoteAddress ?? null, req.headers, trustProxy),
          userAgent: req.headers.get("user-agent"),
          // Built on first use: procedures that need no database never touch it.
          get deps() {
            return typeof deps === "function" ? deps() : deps;
          },
          resolveSession: options.resolveSession ?? null,
          metrics,
          // httpSubscriptionLink's `connectionParams`: how an EventSource (no headers) authenticates.
          connectionParams: call.connectionParams,
        }),
      responseMeta({ errors }) {
        const headers = new Headers(cors);
        headers.set("x-request-id", requestId);
        const retryAfter = retryAfterSeconds(errors);
        if (retryAfter !== null) headers.set("retry-after", String(retryAfter));
        return { headers };
      },
    });
  }

  if (!metrics) return handleTrpcRequest;
  return async function countedTrpcRequest(request: Request, info: RequestInfo = {}) {
    const response = await handleTrpcRequest(request, info);
    metrics.httpResponse("trpc", response.status);
    return response;
  };
}
