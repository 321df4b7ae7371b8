import { type TRPCError } from "@trpc/server";

import { rootLogger } from "@fastnext/logger";

import { problemOf, problemResponse } from "../rest/problem";
import { type Context } from "../trpc/context";
import { clientAddress } from "./client-address";
import { corsHeaders, type CorsAllowance } from "./cors";
import { type RequestInfo, retryAfterSeconds, type TrpcHandlerOptions } from "./handler";
import { resolveRequestId } from "./request-id";

/** What the routes that move file bytes (attachments, exports) are built with. */
export type FileRouteOptions = Omit<TrpcHandlerOptions, "endpoint" | "router" | "maxBodyBytes">;

export interface FileRouteRequest {
  requestId: string;
  /** The CORS answer headers (with the request id), to start every response from. */
  cors: Headers;
  url: URL;
  /** The tRPC context, built exactly as the tRPC handler builds it. */
  context: Context;
  /** A refusal as a problem document (Retry-After on 429). */
  refuse(error: TRPCError): Response;
}

export const UUID_PATTERN =
  "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

/**
 * The start of every file route: the request id, CORS, and the context of
 * the same procedures and middleware as every other call (Bearer token, or
 * the web session cookie where the host passes `resolveSession`).
 */
export function openFileRoute(
  request: Request,
  info: RequestInfo,
  options: FileRouteOptions,
  allowance: CorsAllowance,
): FileRouteRequest {
  const baseLogger = options.logger ?? rootLogger();
  const { deps } = options;
  const requestId = resolveRequestId(request.headers);
  const cors = corsHeaders(request.headers.get("origin"), options.allowedOrigins, allowance);
  cors.set("x-request-id", requestId);
  const url = new URL(request.url);
  const context: Context = {
    requestId,
    logger: baseLogger.child({ requestId }),
    headers: request.headers,
    ip: clientAddress(info.remoteAddress ?? null, request.headers, options.trustProxy),
    userAgent: request.headers.get("user-agent"),
    get deps() {
      return typeof deps === "function" ? deps() : deps;
    },
    resolveSession: options.resolveSession ?? null,
    metrics: options.metrics ?? null,
    connectionParams: null,
  };
  const refuse = (error: TRPCError) => {
    const headers = new Headers(cors);
    const seconds = retryAfterSeconds([error]);
    if (seconds !== null) headers.set("retry-after", String(seconds));
    return problemResponse(problemOf(error, requestId, url.pathname), headers);
  };
  return { requestId, cors, url, context, refuse };
}

/**
 * `Content-Disposition: attachment` with the name in both forms: an ASCII
 * fallback (anything else, quotes and backslashes replaced) and the
 * RFC 5987 UTF-8 form, so no name can break out of the header.
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Headers of a file sent for download: never sniffed, never cached, never run as a page. */
export function downloadHeaders(
  base: Headers,
  file: { contentType: string; size: number | null; fileName: string },
): Headers {
  const headers = new Headers(base);
  const textual = file.contentType.startsWith("text/");
  headers.set("content-type", textual ? `${file.contentType}; charset=utf-8` : file.contentType);
  if (file.size !== null) headers.set("content-length", String(file.size));
  headers.set("content-disposition", contentDisposition(file.fileName));
  headers.set("x-content-type-options", "nosniff");
  headers.set("cache-control", "private, no-store");
  // Opened as a page by mistake, it still runs nothing.
  headers.set("content-security-policy", "default-src 'none'; sandbox");
  return headers;
}
