export { startEmbeddedPostgres, type EmbeddedServer, type EmbeddedServerOptions } from "./embedded";
export {
  localServerEnvDocs,
  localServerEnvShape,
  openLocalServer,
  readLocalServerEnv,
  type LocalServer,
} from "./local-server";
export { startTestServer } from "./test-server";
