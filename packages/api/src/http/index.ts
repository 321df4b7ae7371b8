export { createTrpcHandler, type RequestInfo, type TrpcHandlerOptions } from "./handler";
export { createNodeServer } from "./node-adapter";
