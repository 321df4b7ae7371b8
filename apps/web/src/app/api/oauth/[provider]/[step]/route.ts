import { handleOAuthRequest } from "~/server/oauth-handler";
import { peerAddress } from "~/server/peer-address";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleOAuthRequest(request, { remoteAddress: peerAddress(request.headers) });
}
