import { createHash, timingSafeEqual } from "node:crypto";

import { type Registry } from "prom-client";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Whether `authorization` is `Bearer <token>`. Both sides are hashed
 * first, so the comparison takes the same time whatever the length or the
 * first differing byte of what was sent.
 */
export function bearerMatches(authorization: string | null, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const presented = match?.[1] ?? "";
  return timingSafeEqual(digest(presented), digest(token)) && presented !== "";
}

export interface ExpositionOptions {
  registry: Registry;
  /** Required as `Authorization: Bearer …`; null: the listener's address is the protection. */
  token: string | null;
}

/** The registry in Prometheus's text format, or 401 without the right token. */
export async function metricsResponse(
  request: Pick<Request, "method" | "headers">,
  options: ExpositionOptions,
): Promise<Response> {
  if (request.method !== "GET" && request.method !== "HEAD")
    return new Response("Method not allowed", { status: 405, headers: { allow: "GET, HEAD" } });
  if (options.token !== null && !bearerMatches(request.headers.get("authorization"), options.token))
    return new Response("Unauthorized", {
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="metrics"', "cache-control": "no-store" },
    });
  const body = await options.registry.metrics();
  return new Response(request.method === "HEAD" ? null : body, {
    status: 200,
    headers: { "content-type": options.registry.contentType, "cache-control": "no-store" },
  });
}
