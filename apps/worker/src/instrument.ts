/**
 * Starts tracing when the OTEL_* variables ask for it (a bad one stops
 * start-up with its name). main.ts imports this first: the instrumented
 * modules (http, pg) must load after it.
 */
import { configOrExit } from "@fastnext/config";
import { processTracingEnv, startTracing } from "@fastnext/tracing";

export const tracing = await startTracing(
  { serviceName: "fastnext-worker" },
  configOrExit(processTracingEnv),
);
