import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Readable } from "node:stream";

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
 * say so with Transfer-Encoding, subscriptions are server-sent events.
 */
function isStreamed(response: Response): boolean {
  return (
    response.headers.has("transfer-encoding") ||
    (response.headers.get("content-type")?.startsWith("text/event-stream") ?? false)
  );
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
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
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (res.destroyed) break;
    res.write(chunk);
  }
  res.end();
}

/** Serves a fetch-style handler from node:http, for the standalone API server. */
export function createNodeServer(
  handler: FetchHandler,
  options: {
    prefix: string;
    /** Answered here, by exact path, instead of by the handler. */
    extraRoutes?: Record<string, (request: Request) => Promise<Response> | Response>;
    /** Whose X-Forwarded-Proto to believe, for HSTS (TRUSTED_PROXIES). */
    trustProxy: TrustProxy;
  },
): Server {
  const { trustProxy } = options;
  return createServer((req, res) => {
    setSecurityHeaders(req, res, trustProxy);
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
    const respond = route
      ? Promise.resolve(route(toRequest(req, origin, closed.signal)))
      : url.pathname.startsWith(options.prefix)
        ? handler(toRequest(req, origin, closed.signal), {
            remoteAddress: req.socket.remoteAddress ?? null,
          })
        : Promise.resolve(new Response("Not found", { status: 404 }));
    respond
      .then((response) => writeResponse(response, res))
      .catch((error: unknown) => {
        res.statusCode = 500;
        res.end();
        res.emit("error", error);
      });
  });
}
