import { createLogger } from "@fastnext/logger";

import { workerEnv, type WorkerEnv } from "./env";
import { Lifecycle } from "./lifecycle";

const log = createLogger("worker");

function loadEnv(): WorkerEnv {
  try {
    return workerEnv();
  } catch (error) {
    // The message names every bad variable; nothing else is worth printing.
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const env = loadEnv();
  const { appDb, checkReadiness, disconnectAppDb } = await import("@fastnext/db");
  const lifecycle = new Lifecycle(log);

  const readiness = await checkReadiness(appDb());
  if (!readiness.ready) {
    log.fatal({ reason: readiness.reason, detail: readiness.detail }, "database not ready");
    await disconnectAppDb();
    process.exit(1);
  }
  log.info({ migrations: readiness.migrations }, "worker ready");

  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, "shutting down");
    void lifecycle
      .stop(env.WORKER_SHUTDOWN_TIMEOUT_MS)
      .then(async (drained) => {
        if (!drained) log.warn("work in hand did not finish in time; it will be retried");
        await disconnectAppDb();
        log.info("worker stopped");
        process.exit(0);
      });
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);

  // Keep the process alive until a signal arrives.
  await new Promise<void>((resolve) => lifecycle.signal.addEventListener("abort", () => resolve()));
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, "worker crashed");
  process.exit(1);
});
