// First: tracing starts before anything it instruments is loaded.
import { tracing } from "./instrument";

import { type AddressInfo } from "node:net";

import { configOrExit } from "@fastnext/config";
import { createLogger } from "@fastnext/logger";
import { shutdownTracing } from "@fastnext/tracing";

import { apiServerEnv } from "./env";

const log = createLogger("api-server");

async function main(): Promise<void> {
  const env = configOrExit(apiServerEnv);
  // The composition root: configuration in, dependencies built once.
  const { createApiServer } = await import("./server");
  const { createApiDeps } = await import("@fastnext/api");
  const { createApiMetrics, createRegistry, startMetricsListener } =
    await import("@fastnext/metrics");
  const metrics = createApiMetrics(createRegistry());
  const deps = createApiDeps(env.api, { metrics });
  const { token, address } = env.metrics;
  // On the API's own port only behind a token; a listener of its own when an address is given.
  const server = createApiServer(env.api, deps, { metrics, token: address ? null : token });
  const listener = address
    ? await startMetricsListener({ address, registry: metrics.registry, token })
    : null;
  if (listener) {
    log.info(
      { host: listener.host, port: listener.port, token: token !== null },
      "metrics listening",
    );
  } else if (token !== null) {
    log.info({ path: "/metrics" }, "metrics served behind METRICS_TOKEN");
  } else {
    log.info("metrics off: set METRICS_TOKEN or METRICS_ADDRESS to serve /metrics");
  }
  server.listen(env.API_PORT, env.API_HOST, () => {
    const { port } = server.address() as AddressInfo;
    log.info(
      { port, host: env.API_HOST, tracing: tracing.serviceName ?? `off: ${tracing.offReason}` },
      "api server listening",
    );
  });

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    const timer = setTimeout(() => {
      log.warn("requests still open at the deadline; closing them");
      server.closeAllConnections();
    }, env.API_SHUTDOWN_TIMEOUT_MS);
    // Stop accepting, let requests in flight finish, then release the pool.
    void listener?.close();
    server.close(() => {
      clearTimeout(timer);
      void Promise.all([deps.pool.$disconnect(), shutdownTracing()]).then(() => {
        log.info("api server stopped");
        process.exit(0);
      });
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, "api server crashed");
  process.exit(1);
});
