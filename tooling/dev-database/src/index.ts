export { startEmbeddedPostgres, type EmbeddedServer, type EmbeddedServerOptions } from "./embedded";
export {
  localServerEnvShape,
  openLocalServer,
  readLocalServerEnv,
  type LocalServer,
} from "./local-server";
export { startTestServer } from "./test-server";
