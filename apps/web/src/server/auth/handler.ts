import NextAuth, { type AuthOptions } from "next-auth";
import { type NextRequest } from "next/server";

import { createAuthOptions } from "./options";

export interface AuthRouteContext {
  params: Promise<{ nextauth: string[] }>;
}

type AuthRouteHandler = (request: NextRequest, context: AuthRouteContext) => Promise<Response>;

// next-auth types its handler as `any`; this is its App Router shape.
const createHandler = NextAuth as unknown as (options: AuthOptions) => AuthRouteHandler;

let handler: AuthRouteHandler | undefined;

/** The next-auth route handler, created on the first request (not at build time). */
export function handleAuthRequest(
  request: NextRequest,
  context: AuthRouteContext,
): Promise<Response> {
  handler ??= createHandler(createAuthOptions());
  return handler(request, context);
}
