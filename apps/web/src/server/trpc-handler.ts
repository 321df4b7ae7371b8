import { createTrpcHandler } from "@fastnext/api/http";

import { webEnv } from "../env";
import { readSessionCookie } from "./auth/cookie";

export const handleTrpcRequest = createTrpcHandler({
  endpoint: "/api/trpc",
  // Without a Bearer token, the caller is whoever the next-auth cookie names.
  resolveSession: (headers) => readSessionCookie(headers, webEnv().NEXTAUTH_SECRET),
});
