import { DOCS_CONTENT_SECURITY_POLICY } from "@fastnext/api/http";

import { setApiSecurityHeaders } from "~/server/api-security-headers";
import { handleReferenceRequest } from "~/server/rest-handler";

export const dynamic = "force-dynamic";

/** The interactive API reference (Swagger UI from its npm package, under the page's own policy). */
export async function GET(request: Request): Promise<Response> {
  const response = await handleReferenceRequest(request);
  setApiSecurityHeaders(response.headers, request, DOCS_CONTENT_SECURITY_POLICY);
  return response;
}
