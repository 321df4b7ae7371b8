import { createLogger } from "@fastnext/logger";

export async function checkConfiguration(): Promise<void> {
  const log = createLogger("web");
  try {
    const { webEnv } = await import("../env");
    webEnv();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.fatal(message);
    console.error(message);
    process.exit(1);
  }
  log.info("configuration valid");
}
