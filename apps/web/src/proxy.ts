import { randomBytes } from "node:crypto";

import { NextResponse, type NextRequest } from "next/server";

import { pageContentSecurityPolicy, securityHeaders } from "@fastnext/api/edge";

import { webEnv } from "./env";
import { requestServedOverHttps, setApiSecurityHeaders } from "./server/api-security-headers";

/**
 * Security headers on every page and API route. A page gets a fresh nonce
 * in its Content-Security-Policy; Next.js reads the policy from the request
 * headers and puts the nonce on the scripts it renders. API routes answer
 * JSON and get the policy that allows nothing. HSTS only over https.
 * Static files get the fixed headers from next.config.ts; /api/trpc sets
 * the API's headers on its own responses (its route, the hottest path, then
 * skips this pass), and so do the REST routes (/api/v1), the file routes
 * (/api/attachments and /api/transfers, whose uploads stream through unread) and the API
 * reference (/api/docs, whose page has a policy of its own).
 */
export function proxy(request: NextRequest): NextResponse {
  if (request.nextUrl.pathname.startsWith("/api/")) {
    const response = NextResponse.next();
    setApiSecurityHeaders(response.headers, request);
    return response;
  }

  const env = webEnv();
  const https = requestServedOverHttps(request);

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
  // Everything but the build's static files (they carry no script to nonce)
  // and the API routes that set the API's headers themselves.
  matcher: [
    "/((?!_next/static|_next/image|favicon.ico|api/trpc/|api/v1/|api/attachments/|api/transfers/|api/docs).*)",
  ],
};
