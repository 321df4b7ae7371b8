import { API_CONTENT_SECURITY_POLICY, securityHeaders, servedOverHttps } from "@fastnext/api/edge";

import { webEnv } from "../env";
import { peerAddress } from "./peer-address";

/** Whether the client reached this app over https (its own URL, or a trusted proxy's word). */
export function requestServedOverHttps(request: { headers: Headers }): boolean {
  const env = webEnv();
  return servedOverHttps(
    env.APP_URL,
    peerAddress(request.headers),
    request.headers,
    env.api.TRUSTED_PROXIES,
  );
}

/**
 * Sets the security headers of an API answer (the policy that allows
 * nothing, the fixed headers, HSTS over https) on `headers`. proxy.ts sets
 * them for every /api route but the tRPC one; the tRPC route sets them on
 * its own response, so its calls do not pay for a proxy pass.
 */
export function setApiSecurityHeaders(
  headers: Headers,
  request: { headers: Headers },
  contentSecurityPolicy: string = API_CONTENT_SECURITY_POLICY,
): void {
  const https = requestServedOverHttps(request);
  for (const [name, value] of securityHeaders({
    contentSecurityPolicy,
    https,
  })) {
    headers.set(name, value);
  }
}
