import { type NextRequest } from "next/server";

import { handleAuthRequest, type AuthRouteContext } from "~/server/auth/handler";

export const dynamic = "force-dynamic";

function handler(request: NextRequest, context: AuthRouteContext): Promise<Response> {
  return handleAuthRequest(request, context);
}

export { handler as GET, handler as POST };
