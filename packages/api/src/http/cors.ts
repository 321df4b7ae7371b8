const allowedHeaders = "authorization, content-type, x-request-id, trpc-accept, x-trpc-source";

/**
 * CORS for browsers on other origins. Phones and scripts send no Origin and
 * need none of this; same-origin web pages neither.
 */
export function corsHeaders(origin: string | null, allowedOrigins: readonly string[]): Headers {
  const headers = new Headers();
  if (!origin) return headers;
  // Exact matches only: allowed origins may send credentials, so there is
  // no wildcard (CORS_ORIGINS refuses one at start-up).
  if (!allowedOrigins.includes(origin)) return headers;
  headers.set("access-control-allow-origin", origin);
  headers.set("access-control-allow-credentials", "true");
  headers.set("access-control-allow-methods", "GET, POST, OPTIONS");
  headers.set("access-control-allow-headers", allowedHeaders);
  headers.set("access-control-expose-headers", "x-request-id, retry-after");
  headers.set("access-control-max-age", "600");
  headers.set("vary", "origin");
  return headers;
}
