import { peerAddress } from "~/server/peer-address";
import { handleTrpcRequest } from "~/server/trpc-handler";

export const dynamic = "force-dynamic";

function handler(request: Request): Promise<Response> {
  return handleTrpcRequest(request, { remoteAddress: peerAddress(request.headers) });
}

export { handler as GET, handler as OPTIONS, handler as POST };
