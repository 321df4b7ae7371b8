import { setApiSecurityHeaders } from "~/server/api-security-headers";
import { peerAddress } from "~/server/peer-address";
import { handleTrpcRequest } from "~/server/trpc-handler";

export const dynamic = "force-dynamic";

/** proxy.ts leaves this route alone: its security headers are set here. */
async function handler(request: Request): Promise<Response> {
  const response = await handleTrpcRequest(request, {
    remoteAddress: peerAddress(request.headers),
  });
  setApiSecurityHeaders(response.headers, request);
  return response;
}

export { handler as GET, handler as OPTIONS, handler as POST };
