import { processTracingEnv, tracingOffReason, type TracingEnv } from "./env";
import type { SdkOptions } from "./sdk";

export {
  processTracingEnv,
  readTracingEnv,
  tracingEnvDocs,
  tracingEnvShape,
  tracingOffReason,
  type TracingEnv,
} from "./env";
export { inSpan } from "./span";

export interface TracingState {
  enabled: boolean;
  /** Why it is off; null when on. */
  offReason: string | null;
  serviceName: string | null;
}

interface Started {
  state: TracingState;
  shutdown: () => Promise<void>;
}

// One SDK per process, even when a bundler loads this module twice (Next.js).
const globalForTracing = globalThis as unknown as { fastnextTracing?: Started };

/**
 * Starts tracing when the OTEL_* variables ask for it, and otherwise does
 * nothing at all: the SDK is imported only behind the check, so a process
 * without an exporter loads none of it. Call it before the modules it
 * instruments (pg, http) are loaded: first thing in a process's entry point.
 */
export async function startTracing(
  options: { serviceName: string; esmHook?: boolean },
  env: TracingEnv = processTracingEnv(),
): Promise<TracingState> {
  if (globalForTracing.fastnextTracing) return globalForTracing.fastnextTracing.state;
  const offReason = tracingOffReason(env);
  if (offReason) return { enabled: false, offReason, serviceName: null };
  const serviceName = env.OTEL_SERVICE_NAME ?? options.serviceName;
  return (await startWith({ serviceName, esmHook: options.esmHook ?? true })).state;
}

/** Starts the SDK with these options (the in-memory test setup uses it too). */
export async function startWith(options: SdkOptions & { serviceName: string }): Promise<Started> {
  const { startSdk } = await import("./sdk");
  const sdk = startSdk(options);
  const started: Started = {
    state: { enabled: true, offReason: null, serviceName: options.serviceName },
    shutdown: () => sdk.shutdown(),
  };
  globalForTracing.fastnextTracing = started;
  return started;
}

/** Whether this process started the SDK. */
export function tracingEnabled(): boolean {
  return globalForTracing.fastnextTracing !== undefined;
}

/** Exports what is pending and stops the SDK; call it on shutdown, before exiting. */
export async function shutdownTracing(): Promise<void> {
  const started = globalForTracing.fastnextTracing;
  globalForTracing.fastnextTracing = undefined;
  await started?.shutdown();
}
