import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Readable } from "node:stream";

import { type RequestInfo } from "./handler";
import { servedOverHttps, type TrustProxy } from "./client-address";
import { API_CONTENT_SECURITY_POLICY, securityHeaders } from "./security-headers";

type FetchHandler = (
  request: Request,
  info: { remoteAddress?: string | null },
) => Promise<Response>;

function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  // `duplex` is required by Node for streamed bodies but missing from the DOM types.
  const init: RequestInit & { duplex: "half" } = {
    method: req.method ?? "GET",
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
    duplex: "half",
    // Aborted when the client goes away, so a streaming response (a
    // subscription) stops instead of waiting for its next write to fail.
    signal,
  };
  return new Request(new URL(req.url ?? "/", origin), init);
}

/** Browser-facing headers of every answer, set before the response's own (which may override them). */
function setSecurityHeaders(
  req: IncomingMessage,
  res: ServerResponse,
  trustProxy: TrustProxy,
): void {
  const headers = new Headers();
  const forwardedProto = req.headers["x-forwarded-proto"];
  if (typeof forwardedProto === "string") headers.set("x-forwarded-proto", forwardedProto);
  const https = servedOverHttps(null, req.socket.remoteAddress ?? null, headers, trustProxy);
  for (const [name, value] of securityHeaders({
    contentSecurityPolicy: API_CONTENT_SECURITY_POLICY,
    https,
  })) {
    res.setHeader(name, value);
  }
}

/**
 * Whether the answer is written as it is produced: tRPC's streamed batches
 * say so with Transfer-Encoding, subscriptions are server-sent events, and
 * file downloads are attachments.
 */
function isEventStream(response: Response): boolean {
  return response.headers.get("content-type")?.startsWith("text/event-stream") ?? false;
}

/** A file download: streamed from storage as it is read, never held whole. */
function isDownload(response: Response): boolean {
  return response.headers.get("content-disposition")?.startsWith("attachment") ?? false;
}

function isStreamed(response: Response): boolean {
  return (
    response.headers.has("transfer-encoding") || isEventStream(response) || isDownload(response)
  );
}

/** The server's stop, as the node adapter sees it (see `createNodeServer`'s `shutdown`). */
export interface ServerShutdown {
  /** Set once the process is draining: every answer then closes its connection. */
  draining: () => boolean;
  /** Aborted when open event streams are to end (their clients reconnect elsewhere). */
  streams: AbortSignal;
}

async function writeResponse(
  response: Response,
  res: ServerResponse,
  shutdown: ServerShutdown | undefined,
): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  if (!response.body) {
    res.end();
    return;
  }
  if (!isStreamed(response)) {
    // A complete answer goes out in one write with its Content-Length,
    // instead of a chunked body read through the stream piece by piece.
    res.end(Buffer.from(await response.arrayBuffer()));
    return;
  }
  // Streamed responses (batch streaming, subscriptions) are written as they come.
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  // A subscription never ends by itself: at shutdown it is cancelled (its
  // generator runs its clean-up) and the response ends, so the client's
  // EventSource reconnects, with its last event id, to another instance.
  // A streamed batch is a request in flight like any other and finishes.
  const end = () => void reader.cancel().catch(() => undefined);
  const streams = shutdown && isEventStream(response) ? shutdown.streams : null;
  if (streams?.aborted) end();
  streams?.addEventListener("abort", end, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      res.write(value);
    }
  } finally {
    streams?.removeEventListener("abort", end);
  }
  res.end();
}

/** Serves a fetch-style handler from node:http, for the standalone API server. */
export function createNodeServer(
  handler: FetchHandler,
  options: {
    prefix: string;
    /** More handlers, each for the paths under its prefix (checked before `prefix`). */
    mounts?: readonly { prefix: string; handler: FetchHandler }[];
    /** Answered here, by exact path, instead of by the handler. */
    extraRoutes?: Record<
      string,
      (request: Request, info: RequestInfo) => Promise<Response> | Response
    >;
    /** Whose X-Forwarded-Proto to believe, for HSTS (TRUSTED_PROXIES). */
    trustProxy: TrustProxy;
    /** How the process stops: answers close their connections, event streams end. */
    shutdown?: ServerShutdown;
  },
): Server {
  const { trustProxy, shutdown } = options;
  return createServer((req, res) => {
    setSecurityHeaders(req, res, trustProxy);
    // A keep-alive connection reused after the server closed would fail a
    // request that never reached it: while draining, each answer is the
    // connection's last, and the client opens its next one elsewhere.
    if (shutdown?.draining()) res.setHeader("connection", "close");
    const url = new URL(req.url ?? "/", "http://localhost");
    const route = options.extraRoutes?.[url.pathname];
    const closed = new AbortController();
    // Only a client that leaves before the answer is complete aborts: after
    // a finished response nothing listens, and an abort (its DOMException,
    // its event) on every request was measurable.
    res.once("close", () => {
      if (!res.writableFinished) closed.abort();
    });
    const origin = `http://${req.headers.host ?? "localhost"}`;
    const mounted = url.pathname.startsWith(options.prefix)
      ? handler
      : options.mounts?.find((mount) => url.pathname.startsWith(mount.prefix))?.handler;
    const respond = route
      ? Promise.resolve(
          route(toRequest(req, origin, closed.signal), {
            remoteAddress: req.socket.remoteAddress ?? null,
          }),
        )
      : mounted
        ? mounted(toRequest(req, origin, closed.signal), {
            remoteAddress: req.socket.remoteAddress ?? null,
          })
        : Promise.resolve(new Response("Not found", { status: 404 }));
    respond
      .then((response) => writeResponse(response, res, shutdown))
      .catch((error: unknown) => {
        res.statusCode = 500;
        res.end();
        res.emit("error", error);
      });
  });
}
