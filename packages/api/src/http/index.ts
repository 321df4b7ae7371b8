export { createTrpcHandler, type RequestInfo, type TrpcHandlerOptions } from "./handler";
export { createNodeServer, type ServerShutdown } from "./node-adapter";
export { readinessResponse, workerHealthResponse } from "./probes";
export {
  clientAddress,
  parseTrustedProxies,
  trustNoProxy,
  type TrustProxy,
} from "./client-address";
export { contentDisposition } from "./file-routes";
export {
  ATTACHMENTS_PATH,
  createAttachmentHandler,
  FILE_NAME_HEADER,
  type AttachmentHandlerOptions,
} from "./attachments/handler";
export {
  createTransferHandler,
  TRANSFERS_PATH,
  type TransferHandlerOptions,
} from "./transfers/handler";
export { createOAuthHandler, oauthRoutePaths, type OAuthHandlerOptions } from "./oauth";
export {
  apiReferenceRoutes,
  createRestHandler,
  DOCS_CONTENT_SECURITY_POLICY,
  DOCS_PATH,
  OPENAPI_PATH,
  PROBLEM_CONTENT_TYPE,
  REST_BASE_PATH,
  restDocument,
  type RestHandlerOptions,
} from "../rest";
