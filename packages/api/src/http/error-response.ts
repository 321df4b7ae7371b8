import { type AnyTRPCRouter } from "@trpc/server";
import {
  getErrorShape,
  transformTRPCResponse,
  type AnyRootTypes,
  type RootConfig,
  type TRPCErrorShape,
} from "@trpc/server/unstable-core-do-not-import";

import { type AppError } from "@fastnext/core";

import { toTRPCError } from "../errors";

export interface EdgeRefusal {
  router: AnyTRPCRouter;
  /** Path prefix the router is mounted at, e.g. "/api/trpc". */
  endpoint: string;
  request: Request;
  status: number;
  error: AppError;
  requestId: string;
  headers: Headers;
}

/** The procedure paths a request names: `a.b,c.d` in a batch, one otherwise. */
function callPaths(url: URL, endpoint: string): string[] {
  const rest = url.pathname.startsWith(endpoint)
    ? url.pathname.slice(endpoint.length).replace(/^\//, "")
    : "";
  let paths: string;
  try {
    paths = decodeURIComponent(rest);
  } catch {
    paths = rest;
  }
  return url.searchParams.get("batch") === "1" ? paths.split(",") : [paths];
}

/**
 * An error answered by the HTTP edge itself, before tRPC runs (a body too
 * large): the same shape, formatter and transformer as a procedure's error,
 * one per call when batched, so typed clients decode it like any other.
 */
export function edgeErrorResponse(refusal: EdgeRefusal): Response {
  const url = new URL(refusal.request.url);
  const config = refusal.router._def._config as RootConfig<AnyRootTypes>;
  const trpcError = toTRPCError(refusal.error);
  const shapeFor = (path: string): TRPCErrorShape =>
    getErrorShape({
      config,
      error: trpcError,
      type: "unknown",
      path: path || undefined,
      input: undefined,
      // The formatter reads only the request id from the context.
      ctx: { requestId: refusal.requestId },
    }) as TRPCErrorShape;
  const batched = url.searchParams.get("batch") === "1";
  const paths = callPaths(url, refusal.endpoint);
  const body = batched
    ? transformTRPCResponse(
        config,
        paths.map((path) => ({ error: shapeFor(path) })),
      )
    : transformTRPCResponse(config, { error: shapeFor(paths[0] ?? "") });
  const headers = new Headers(refusal.headers);
  headers.set("content-type", "application/json");
  headers.set("x-request-id", refusal.requestId);
  return new Response(JSON.stringify(body), { status: refusal.status, headers });
}
