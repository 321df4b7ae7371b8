import { pino, type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";

import { loggerEnv } from "./env";

export type { Logger } from "pino";

/** Keys whose values never reach a log line, wherever they are nested. */
const redactPaths = [
  "password",
  "*.password",
  "*.newPassword",
  "*.currentPassword",
  "*.token",
  "*.accessToken",
  "*.refreshToken",
  "req.headers.authorization",
  "req.headers.cookie",
];

function destination(): DestinationStream {
  const format = loggerEnv.LOG_FORMAT ?? (loggerEnv.NODE_ENV === "production" ? "json" : "pretty");
  if (format === "json") {
    // Asynchronous writes: a log line never blocks a request on a slow
    // stdout. Nothing is held back (no minimum length), and pino flushes
    // what is pending when the process exits.
    return pino.destination({ dest: 1, sync: false });
  }
  // Synchronous pretty stream: a transport would spawn a worker thread, which
  // bundlers (Next.js) cannot trace.
  return pretty({ colorize: true, sync: true, translateTime: "HH:MM:ss.l", ignore: "pid,hostname" });
}

function createRootLogger(): Logger {
  const options = { level: loggerEnv.LOG_LEVEL, redact: { paths: redactPaths, censor: "[redacted]" } };
  return pino(options, destination());
}

const globalForLogger = globalThis as unknown as { fastnextLogger?: Logger };

/** The process's one logger; everything else is a child of it. */
export const logger: Logger = (globalForLogger.fastnextLogger ??= createRootLogger());

export function createLogger(component: string, bindings: Record<string, unknown> = {}): Logger {
  return logger.child({ component, ...bindings });
}
