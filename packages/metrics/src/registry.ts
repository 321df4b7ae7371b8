import { collectDefaultMetrics, Registry } from "prom-client";

/**
 * The process's one registry, made by its composition root and passed to
 * whatever records into it. prom-client's global default registry is never
 * used, so nothing records behind the root's back and tests get a fresh one.
 * Process metrics (CPU, memory, event-loop lag, handles) are on.
 */
export function createRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

export { Registry } from "prom-client";
