/**
 * Test harness: the real API over HTTP on a fresh database, and processes
 * under test. For the API's tests and the integration tests of the apps,
 * the client and the benchmark; never a runtime dependency.
 */
export {
  ADMIN,
  failure,
  signedIn,
  signInAdmin,
  signUp,
  startApi,
  type ApiOptions,
  type TestApi,
} from "./api";
export { captureLogger, clientFor, serve, type LogCapture } from "./http";
export {
  freePort,
  spawnEntryPoint,
  waitForOutput,
  type ChildUnderTest,
  type EntryPointOptions,
} from "./processes";
export {
  followRedirects,
  startOidcProvider,
  CONTROL_PATH as OIDC_TEST_CONTROL_PATH,
  type OidcTestAccount,
  type OidcTestProvider,
  type OidcTestProviderOptions,
} from "./oidc-provider";
