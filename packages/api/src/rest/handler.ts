import { TRPCError } from "@trpc/server";
import { type NodeHTTPResponse } from "@trpc/server/adapters/node-http";
import {
  createOpenApiNodeHttpHandler,
  createProcedureCache,
  normalizePath,
  type NodeHTTPRequest,
  type OpenApiMethod,
  type OpenApiRouter,
} from "trpc-to-openapi";

import { AppError } from "@fastnext/core";
import { rootLogger } from "@fastnext/logger";

import { toTRPCError } from "../errors";
import { BodyTooLargeError, readBodyWithLimit } from "../http/body-limit";
import { clientAddress } from "../http/client-address";
import { corsHeaders, REST_CORS } from "../http/cors";
import { type RequestInfo, retryAfterSeconds, type TrpcHandlerOptions } from "../http/handler";
import { resolveRequestId } from "../http/request-id";
import { appRouter } from "../root";
import { type Context, createContext } from "../trpc/context";
import { REST_BASE_PATH } from "./document";
import { keepDeclaredCoercion, typedQuery } from "./input-schemas";
import { problemOf, problemResponse } from "./problem";

export type RestHandlerOptions = Omit<
  TrpcHandlerOptions,
  "endpoint" | "resolveSession" | "router"
> & {
  router?: OpenApiRouter;
};

const METHODS = new Set<string>(["GET", "POST", "PATCH", "PUT", "DELETE"]);
const WITHOUT_BODY = new Set<string>(["GET", "DELETE", "HEAD"]);

/** What the library's node handler writes; collected into a fetch Response. */
interface CollectedResponse {
  statusCode: number;
  headers: Headers;
  body: string | undefined;
}

function collector(done: (response: CollectedResponse) => void) {
  const headers = new Headers();
  return {
    statusCode: 200,
    setHeader(name: string, value: string | readonly string[]) {
      if (typeof value === "string") headers.set(name, value);
      else for (const item of value) headers.append(name, item);
    },
    end(body?: string) {
      done({ statusCode: this.statusCode, headers, body });
    },
  };
}

/** The body of a request that may have one: JSON, or nothing. */
type ReadBody = { ok: true; value: unknown } | { ok: false; error: TRPCError };

async function readJsonBody(request: Request, limit: number): Promise<ReadBody> {
  let bytes: Uint8Array | null;
  try {
    bytes = await readBodyWithLimit(request, limit);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    const tooLarge = new AppError("PAYLOAD_TOO_LARGE", error.message, { reason: "body_too_large" });
    return { ok: false, error: toTRPCError(tooLarge) };
  }
  const text = bytes ? new TextDecoder().decode(bytes) : "";
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return {
      ok: false,
      error: new TRPCError({ code: "PARSE_ERROR", message: "The request body is not valid JSON" }),
    };
  }
}

/**
 * `/api/v1/...`: the router's procedures as REST operations, through
 * trpc-to-openapi. A call runs as `createCaller` with the context the tRPC
 * handler builds (Bearer token, request id, client address), so the
 * middleware chain is the tRPC one: rate limits, `authed` and its scoped
 * transaction, permissions, zod validation, idempotency. Only the wire
 * differs: plain JSON (dates as ISO strings), query strings typed by the
 * input schema, the `Idempotency-Key` header, and errors as problem details.
 *
 * Bearer tokens only: the web app's session cookie is not read here, so a
 * page on another site cannot make a signed-in REST call (no CSRF surface).
 */
export function createRestHandler(options: RestHandlerOptions) {
  const router: OpenApiRouter = options.router ?? appRouter;
  const baseLogger = options.logger ?? rootLogger();
  const { allowedOrigins, maxBodyBytes, trustProxy, deps } = options;
  const metrics = options.metrics ?? null;
  keepDeclaredCoercion(router);
  const findProcedure = createProcedureCache(router);
  // Per request, keyed by the request object the library passes back.
  const contexts = new WeakMap<object, Context>();
  const errors = new WeakMap<object, TRPCError>();

  const openApiHandler = createOpenApiNodeHttpHandler({
    router,
    createContext: ({ req }) => {
      const context = contexts.get(req);
      if (!context) throw new Error("REST request without its context");
      return createContext(context);
    },
    onError: ({ error, req }) => {
      errors.set(req, error);
    },
  });

  async function handleRestRequest(request: Request, info: RequestInfo = {}): Promise<Response> {
    const requestId = resolveRequestId(request.headers);
    const cors = corsHeaders(request.headers.get("origin"), allowedOrigins, REST_CORS);
    cors.set("x-request-id", requestId);
    if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: cors });
    const logger = baseLogger.child({ requestId });

    const url = new URL(request.url);
    const path = url.pathname.startsWith(REST_BASE_PATH)
      ? url.pathname.slice(REST_BASE_PATH.length) || "/"
      : url.pathname;
    const method = request.method.toUpperCase();
    const refuse = (error: TRPCError) =>
      problemResponse(problemOf(error, requestId, url.pathname), withRetryAfter(cors, [error]));

    if (!METHODS.has(method)) {
      return refuse(
        new TRPCError({ code: "METHOD_NOT_SUPPORTED", message: `${method} is not supported` }),
      );
    }
    const found = findProcedure(method as OpenApiMethod, normalizePath(path))?.procedure;
    let body: unknown;
    if (!WITHOUT_BODY.has(method)) {
      const read = await readJsonBody(request, maxBodyBytes);
      if (!read.ok) {
        logger.info({ code: read.error.code }, "REST request body refused");
        return refuse(read.error);
      }
      body = read.value;
    }

    const headers = new Headers(request.headers);
    // A call without a body (POST /projects/{id}/archive) needs no content type.
    if (body === undefined && !WITHOUT_BODY.has(method))
      headers.set("content-type", "application/json");
    const context: Context = {
      requestId,
      logger,
      headers: request.headers,
      ip: clientAddress(info.remoteAddress ?? null, request.headers, trustProxy),
      userAgent: request.headers.get("user-agent"),
      get deps() {
        return typeof deps === "function" ? deps() : deps;
      },
      resolveSession: null,
      metrics,
      connectionParams: null,
      idempotencyKey: request.headers.get("idempotency-key"),
    };
    const restRequest = restRequestOf(request, {
      url: new URL(path + url.search, url.origin).toString(),
      headers,
      body,
      query:
        found && WITHOUT_BODY.has(method)
          ? typedQuery(found.procedure._def.inputs, url.searchParams)
          : undefined,
    });
    contexts.set(restRequest, context);

    const collected = await new Promise<CollectedResponse>((resolve, reject) => {
      const res = collector(resolve);
      // The library's node handler reads a fetch Request as well (its own
      // fetch adapter hands it one); the response side is the small part of
      // ServerResponse it writes to.
      openApiHandler(
        restRequest as unknown as NodeHTTPRequest,
        res as unknown as NodeHTTPResponse,
      ).catch(reject);
    });
    const error = errors.get(restRequest);
    if (error) return refuse(error);
    const answer = new Headers(cors);
    collected.headers.forEach((value, name) => answer.set(name, value));
    return new Response(collected.body ?? null, { status: collected.statusCode, headers: answer });
  }

  if (!metrics) return handleRestRequest;
  return async function countedRestRequest(request: Request, info: RequestInfo = {}) {
    const response = await handleRestRequest(request, info);
    metrics.httpResponse("rest", response.status);
    return response;
  };
}

function withRetryAfter(headers: Headers, errors: readonly TRPCError[]): Headers {
  const answer = new Headers(headers);
  const seconds = retryAfterSeconds(errors);
  if (seconds !== null) answer.set("retry-after", String(seconds));
  return answer;
}

function restRequestOf(
  request: Request,
  parts: {
    url: string;
    headers: Headers;
    body: unknown;
    query: Record<string, unknown[]> | undefined;
  },
): Request {
  return new Proxy(request, {
    get(target, property) {
      if (property === "url") return parts.url;
      if (property === "headers") return parts.headers;
      if (property === "body") return parts.body;
      if (property === "query") return parts.query;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function"
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
    has(target, property) {
      return property === "query"
        ? parts.query !== undefined
        : property === "body" || property in target;
    },
  });
}
