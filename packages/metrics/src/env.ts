import { z } from "zod";

import { parseEnv, type EnvSource, type EnvDocs } from "@fastnext/config";

export interface ListenAddress {
  host: string;
  port: number;
}

const token = z
  .string()
  .min(16, "must be at least 16 characters (openssl rand -hex 32)")
  .regex(/^\S+$/, "must not contain spaces")
  .optional();

const address = z
  .string()
  .transform((value, ctx): ListenAddress => {
    const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value.trim());
    const port = Number(match?.[3]);
    const host = match?.[1] ?? match?.[2];
    if (!host || !Number.isInteger(port) || port < 1 || port > 65535) {
      ctx.addIssue({ code: "custom", message: "must be host:port, e.g. 127.0.0.1:9464" });
      return z.NEVER;
    }
    return { host, port };
  })
  .optional();

/** The web app: its `/api/metrics` is on when a token is set. */
export const metricsTokenEnvShape = {
  /** Bearer token Prometheus sends (`Authorization: Bearer …`); unset: no token is accepted. */
  METRICS_TOKEN: token,
};

/** The README's configuration table (`pnpm docs:env`). */
export const metricsTokenEnvDocs: EnvDocs<typeof metricsTokenEnvShape> = {
  METRICS_TOKEN: {
    description:
      "bearer token of `/api/metrics` (web) and `/metrics` (API server, worker), at least 16 characters; see `docs/observability.md`",
    default: "unset: metrics off",
  },
};

/** The API server and the worker: a token, a listen address of its own, or both. */
export const metricsEnvShape = {
  ...metricsTokenEnvShape,
  /**
   * host:port of a listener that serves only /metrics, for a network only
   * Prometheus reaches. Without METRICS_TOKEN it asks for none.
   */
  METRICS_ADDRESS: address,
};

/** The README's configuration table (`pnpm docs:env`). */
export const metricsEnvDocs: EnvDocs<typeof metricsEnvShape> = {
  METRICS_ADDRESS:
    "`host:port` of a listener serving only `/metrics` (API server, worker), for a network only Prometheus reaches; no token asked unless `METRICS_TOKEN` is set",
};

export interface MetricsConfig {
  token: string | null;
  /** A separate listener for the metrics; null: none. */
  address: ListenAddress | null;
}

export function readMetricsEnv(source: EnvSource): MetricsConfig {
  const env = parseEnv("metrics", metricsEnvShape, source);
  return { token: env.METRICS_TOKEN ?? null, address: env.METRICS_ADDRESS ?? null };
}

export function readMetricsTokenEnv(source: EnvSource): Pick<MetricsConfig, "token"> {
  const env = parseEnv("metrics", metricsTokenEnvShape, source);
  return { token: env.METRICS_TOKEN ?? null };
}
