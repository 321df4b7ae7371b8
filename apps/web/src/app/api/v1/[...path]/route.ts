import { setApiSecurityHeaders } from "~/server/api-security-headers";
import { peerAddress } from "~/server/peer-address";
import { handleRestRequest } from "~/server/rest-handler";

export const dynamic = "force-dynamic";

/** proxy.ts leaves this route alone: its security headers are set here. */
async function handler(request: Request): Promise<Response> {
  const response = await handleRestRequest(request, {
    remoteAddress: peerAddress(request.headers),
  });
  setApiSecurityHeaders(response.headers, request);
  return response;
}

export {
  handler as DELETE,
  handler as GET,
  handler as OPTIONS,
  handler as PATCH,
  handler as POST,
  handler as PUT,
};
