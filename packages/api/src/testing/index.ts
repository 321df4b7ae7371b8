/**
 * Test harness: the real API over HTTP on a fresh database. For this
 * package's tests and for consumers' integration tests (client, web).
 */
export { ADMIN, failure, signedIn, signInAdmin, signUp, startApi, type ApiOptions, type TestApi } from "./api";
export { captureLogger, clientFor, serve, type LogCapture } from "./http";
export { freePort, spawnEntryPoint, type ChildUnderTest, type EntryPointOptions } from "./processes";
