export { createTestDatabase, type TestDatabase } from "./database";
export { startTcpProxy, type TcpProxy } from "./tcp-proxy";
export { TEST_APP_PASSWORD, TEST_OWNER_PASSWORD } from "./server";
export { prepareTestServer, runDatabaseName, testRoleUrls, type TestServer } from "./server";
export {
  startStreamingReplica,
  streamingReplicaUnavailable,
  type StreamingReplica,
} from "./streaming-replica";
