import { createLogger } from "@fastnext/logger";

export async function checkConfiguration(): Promise<void> {
  const log = createLogger("web");
  try {
    const { webEnv } = await import("../env");
    const env = webEnv();
    if (env.metrics.token === null)
      log.info("metrics off: set METRICS_TOKEN to serve /api/metrics");
    else log.info({ path: "/api/metrics" }, "metrics served behind METRICS_TOKEN");
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.fatal(message);
    console.error(message);
    process.exit(1);
  }
  log.info("configuration valid");
}
