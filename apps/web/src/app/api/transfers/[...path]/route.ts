import { setApiSecurityHeaders } from "~/server/api-security-headers";
import { peerAddress } from "~/server/peer-address";
import { handleTransferRequest } from "~/server/transfer-handler";

export const dynamic = "force-dynamic";

/**
 * proxy.ts leaves this route alone (a file streams through untouched): its
 * security headers are set here, the download's own policy kept.
 */
async function handler(request: Request): Promise<Response> {
  const response = await handleTransferRequest(request, {
    remoteAddress: peerAddress(request.headers),
  });
  const policy = response.headers.get("content-security-policy");
  setApiSecurityHeaders(response.headers, request, policy ?? undefined);
  return response;
}

export { handler as GET, handler as HEAD, handler as OPTIONS, handler as POST };
