/**
 * Tracing for the benchmark's API server, exactly as apps/api starts it:
 * off unless the OTEL_* variables ask for it (tracing-cost.ts sets them).
 * server.ts imports this first.
 */
import { processTracingEnv, startTracing } from "@fastnext/tracing";

await startTracing({ serviceName: "fastnext-bench" }, processTracingEnv());
