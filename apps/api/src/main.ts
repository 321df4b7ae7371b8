// First: tracing starts before anything it instruments is loaded.
import { tracing } from "./instrument";

import { type AddressInfo } from "node:net";

import { configOrExit } from "@fastnext/config";
import { createLogger } from "@fastnext/logger";
import { shutdownTracing } from "@fastnext/tracing";

import { apiServerEnv } from "./env";
import { lanUrls } from "./lan";

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
  const { Shutdown } = await import("./shutdown");
  const stop = new Shutdown();
  const server = createApiServer(env.api, deps, { metrics, token: address ? null : token }, stop);
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
    // Open to the network (API_HOST=0.0.0.0): say where a phone on it finds the API.
    for (const url of lanUrls(env.API_HOST, port)) {
      log.info(
        { url, phone: `EXPO_PUBLIC_API_URL=${url} pnpm --filter @fastnext/mobile start` },
        "reachable from the local network",
      );
    }
  });

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    void listener?.close();
    void stop
      .stop(server, {
        delayMs: env.API_SHUTDOWN_DELAY_MS,
        timeoutMs: env.API_SHUTDOWN_TIMEOUT_MS,
        log,
      })
      // Every request has been answered: release the pool and the listening connection.
      .then(() =>
        Promise.all([
          deps.pool.$disconnect(),
          deps.reads?.replica?.$disconnect(),
          deps.notifications?.close(),
          shutdownTracing(),
        ]),
      )
      .then(() => {
        log.info("api server stopped");
        process.exit(0);
      })
      .catch((error: unknown) => {
        log.fatal({ err: error }, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, "api server crashed");
  process.exit(1);
});
