/**
 * The API as a standalone HTTP server for benchmarks: the production router
 * and handler (as apps/api serves them), plus `/bench/statements`, the
 * number of SQL statements sent so far.
 */
// First: tracing (when the OTEL_* variables ask for it) starts before pg and http load.
import "./instrument";

import { type AddressInfo } from "node:net";

import { appRouter, type ApiDeps } from "@fastnext/api";
import { createNodeServer, createTrpcHandler } from "@fastnext/api/http";
import { accessTokenConfig } from "@fastnext/auth";
import { AccessCache, CursorSigner } from "@fastnext/core";
import { createRateLimiter } from "@fastnext/rate-limit";

import { countingPrismaClient, statementCounter } from "./counting-pool";
import { benchEnv, serverConfig } from "./env";

const appUrl = benchEnv.BENCH_APP_URL ?? "";
const poolMax = benchEnv.BENCH_POOL_MAX;

const unlimited = (keyPrefix: string) =>
  createRateLimiter({ keyPrefix, points: 1e9, durationSeconds: 1 });
const { api, auth } = serverConfig();
const deps: ApiDeps = {
  pool: countingPrismaClient(appUrl, poolMax),
  access: new AccessCache(),
  tokens: accessTokenConfig(auth),
  encryptionKeys: auth.encryptionKeys,
  cursors: CursorSigner.fromKeyRing(auth.encryptionKeys),
  refreshTokenTtlDays: 30,
  loginPolicy: { lockThreshold: 1000, lockSeconds: 1 },
  limiters: {
    loginPerIp: unlimited("l1"),
    loginPerAccount: unlimited("l2"),
    registerPerIp: unlimited("r"),
    refreshPerIp: unlimited("f"),
    invitationsPerInviter: unlimited("i"),
    callsPerUser: unlimited("cu"),
    callsPerIp: unlimited("ci"),
  },
};
const handler = createTrpcHandler({
  endpoint: "/trpc",
  router: appRouter,
  deps,
  allowedOrigins: api.CORS_ORIGINS,
  maxBodyBytes: api.API_MAX_BODY_BYTES,
  trustProxy: api.TRUSTED_PROXIES,
});
const server = createNodeServer(handler, {
  prefix: "/trpc",
  trustProxy: api.TRUSTED_PROXIES,
  extraRoutes: { "/bench/statements": () => Response.json(statementCounter.counts) },
});
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ listening: port }));
});
process.on("SIGTERM", () => {
  server.close();
  void deps.pool.$disconnect().then(() => process.exit(0));
});
