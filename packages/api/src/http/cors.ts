const allowedHeaders = "authorization, content-type, x-request-id, trpc-accept, x-trpc-source";

/** What a transport lets other origins send: tRPC uses GET and POST, REST its resource methods too. */
export interface CorsAllowance {
  methods: string;
  headers: string;
}

export const TRPC_CORS: CorsAllowance = { methods: "GET, POST, OPTIONS", headers: allowedHeaders };

export const REST_CORS: CorsAllowance = {
  methods: "GET, POST, PUT, PATCH, DELETE, OPTIONS",
  headers: "authorization, content-type, x-request-id, idempotency-key",
};

/**
 * CORS for browsers on other origins. Phones and scripts send no Origin and
 * need none of this; same-origin web pages neither.
 */
export function corsHeaders(
  origin: string | null,
  allowedOrigins: readonly string[],
  allowance: CorsAllowance = TRPC_CORS,
): Headers {
  const headers = new Headers();
  if (!origin) return headers;
  // Exact matches only: allowed origins may send credentials, so there is
  // no wildcard (CORS_ORIGINS refuses one at start-up).
  if (!allowedOrigins.includes(origin)) return headers;
  headers.set("access-control-allow-origin", origin);
  headers.set("access-control-allow-credentials", "true");
  headers.set("access-control-allow-methods", allowance.methods);
  headers.set("access-control-allow-headers", allowance.headers);
  headers.set("access-control-expose-headers", "x-request-id, retry-after");
  headers.set("access-control-max-age", "600");
  headers.set("vary", "origin");
  return headers;
}
