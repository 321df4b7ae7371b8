import { randomBytes } from "node:crypto";

import { NextResponse, type NextRequest } from "next/server";

import {
  API_CONTENT_SECURITY_POLICY,
  pageContentSecurityPolicy,
  securityHeaders,
  servedOverHttps,
} from "@fastnext/api/edge";

import { webEnv } from "./env";
import { peerAddress } from "./server/peer-address";

/**
 * Security headers on every page and API route. A page gets a fresh nonce
 * in its Content-Security-Policy; Next.js reads the policy from the request
 * headers and puts the nonce on the scripts it renders. API routes answer
 * JSON and get the policy that allows nothing. HSTS only over https.
 * Static files get the fixed headers from next.config.ts.
 */
export function proxy(request: NextRequest): NextResponse {
  const env = webEnv();
  const https = servedOverHttps(
    env.APP_URL,
    peerAddress(request.headers),
    request.headers,
    env.api.TRUSTED_PROXIES,
  );

  if (request.nextUrl.pathname.startsWith("/api/")) {
    const response = NextResponse.next();
    for (const [name, value] of securityHeaders({
      contentSecurityPolicy: API_CONTENT_SECURITY_POLICY,
      https,
    })) {
      response.headers.set(name, value);
    }
    return response;
  }

  const nonce = randomBytes(16).toString("base64");
  const policy = pageContentSecurityPolicy(nonce, env.NODE_ENV === "development");
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of securityHeaders({ contentSecurityPolicy: policy, https })) {
    response.headers.set(name, value);
  }
  return response;
}

export const config = {
  // Everything but the build's static files (they carry no script to nonce).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
