import { pino, type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";

import { loggerEnv, type LoggerEnv } from "./env";
import { traceFields } from "./trace-fields";

export type { Logger } from "pino";
export { bindLogScope, scopeLogger, withLogScope } from "./scope";
export { traceFields } from "./trace-fields";

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

function destination(env: LoggerEnv): DestinationStream {
  const format = env.LOG_FORMAT ?? (env.NODE_ENV === "production" ? "json" : "pretty");
  if (format === "json") {
    // Asynchronous writes: a log line never blocks a request on a slow
    // stdout. Nothing is held back (no minimum length), and pino flushes
    // what is pending when the process exits.
    return pino.destination({ dest: 1, sync: false });
  }
  // Synchronous pretty stream: a transport would spawn a worker thread, which
  // bundlers (Next.js) cannot trace.
  return pretty({
    colorize: true,
    sync: true,
    translateTime: "HH:MM:ss.l",
    ignore: "pid,hostname",
  });
}

/**
 * A logger with the product's options (redaction, trace ids on every line)
 * writing to `stream`; the process's root logger is one, on stdout.
 */
export function createLoggerTo(stream: DestinationStream, level: LoggerEnv["LOG_LEVEL"]): Logger {
  return pino(
    { level, redact: { paths: redactPaths, censor: "[redacted]" }, mixin: traceFields },
    stream,
  );
}

function createRootLogger(): Logger {
  const env = loggerEnv();
  return createLoggerTo(destination(env), env.LOG_LEVEL);
}

// One per process, even when a bundler loads this module twice (Next.js).
const globalForLogger = globalThis as unknown as { fastnextLogger?: Logger };

/**
 * The process's one logger; everything else is a child of it. Made on
 * first use (LOG_LEVEL and LOG_FORMAT are read then), not on import.
 */
export function rootLogger(): Logger {
  return (globalForLogger.fastnextLogger ??= createRootLogger());
}

export function createLogger(component: string, bindings: Record<string, unknown> = {}): Logger {
  return rootLogger().child({ component, ...bindings });
}
