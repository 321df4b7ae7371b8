export { createApiMetrics, type ApiMetrics, type CallLabels } from "./api";
export { createDbMetrics, type DbMetrics, type PoolName } from "./db";
export { bearerMatches, metricsResponse, type ExpositionOptions } from "./exposition";
export { METRICS_PATH, startMetricsListener } from "./listener";
export { METRIC, SERVER_ERROR_CODES } from "./names";
export { createRegistry, Registry } from "./registry";
export { TrafficWindow } from "./traffic";
export { createWorkerMetrics, type WorkerMetrics } from "./worker";
