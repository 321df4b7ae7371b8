import { type ListenAddress, type MetricsConfig } from "@fastnext/metrics/env";

/**
 * Where the worker's metrics listener binds: METRICS_ADDRESS when given,
 * else loopback at METRICS_PORT behind METRICS_TOKEN (like the API server,
 * which listens on 127.0.0.1 unless told otherwise), else nowhere. Opening
 * it to other hosts takes an explicit METRICS_ADDRESS such as 0.0.0.0:9464.
 */
export function metricsListenAddress(
  metrics: MetricsConfig,
  loopbackPort: number,
): ListenAddress | null {
  if (metrics.address) return metrics.address;
  return metrics.token === null ? null : { host: "127.0.0.1", port: loopbackPort };
}
