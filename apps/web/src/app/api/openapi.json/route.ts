import { handleReferenceRequest } from "~/server/rest-handler";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document of /api/v1 (proxy.ts sets this route's security headers). */
export function GET(request: Request): Promise<Response> {
  return handleReferenceRequest(request);
}
