export { createTrpcHandler, type RequestInfo, type TrpcHandlerOptions } from "./handler";
export { createNodeServer, type ServerShutdown } from "./node-adapter";
export { readinessResponse, workerHealthResponse } from "./probes";
export {
  clientAddress,
  parseTrustedProxies,
  trustNoProxy,
  type TrustProxy,
} from "./client-address";
export { createOAuthHandler, oauthRoutePaths, type OAuthHandlerOptions } from "./oauth";
