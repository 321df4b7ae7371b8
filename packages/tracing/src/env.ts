import { z } from "zod";

import { parseEnv, type EnvSource, type EnvDocs } from "@fastnext/config";

/**
 * The standard OpenTelemetry variables that decide whether tracing starts.
 * Everything else (OTEL_TRACES_SAMPLER, OTEL_EXPORTER_OTLP_PROTOCOL,
 * OTEL_RESOURCE_ATTRIBUTES, OTEL_PROPAGATORS, …) the SDK reads itself.
 */
export const tracingEnvShape = {
  /** "true" turns tracing off whatever else is set (the specification's switch). */
  OTEL_SDK_DISABLED: z
    .string()
    .optional()
    .transform((v) => v?.trim().toLowerCase() === "true"),
  /** Where spans go (the collector's OTLP address); unset, tracing is off. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** The traces endpoint alone, when it differs from the base address. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  /** "none" turns the trace exporter (and so tracing) off. */
  OTEL_TRACES_EXPORTER: z.string().optional(),
  /** The service's name in the trace viewer; each process has its own default. */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
};

/** The README's configuration table (`pnpm docs:env`). */
export const tracingEnvDocs: EnvDocs<typeof tracingEnvShape> = {
  OTEL_SDK_DISABLED: "`true` turns tracing off whatever else is set",
  OTEL_EXPORTER_OTLP_ENDPOINT: {
    description:
      "the collector's OTLP address; unset, tracing is off and the SDK not loaded (`docs/observability.md`)",
    default: "unset: tracing off",
  },
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT:
    "the traces endpoint alone, when it differs from the base address",
  OTEL_TRACES_EXPORTER: "`none` turns the trace exporter, and so tracing, off",
  OTEL_SERVICE_NAME: {
    description: "the service's name in the trace viewer",
    default: "each process its own",
  },
};

export type TracingEnv = z.infer<z.ZodObject<typeof tracingEnvShape>>;

export function readTracingEnv(source: EnvSource): TracingEnv {
  return parseEnv("tracing", tracingEnvShape, source);
}

/** Why tracing is off, or null when it starts. */
export function tracingOffReason(env: TracingEnv): string | null {
  if (env.OTEL_SDK_DISABLED) return "OTEL_SDK_DISABLED is true";
  if (env.OTEL_TRACES_EXPORTER?.split(",").every((name) => name.trim() === "none"))
    return "OTEL_TRACES_EXPORTER is none";
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
    return "no OTEL_EXPORTER_OTLP_ENDPOINT";
  return null;
}

/** This process's variables, read when tracing starts (never on import). */
export function processTracingEnv(): TracingEnv {
  return readTracingEnv(process.env);
}
