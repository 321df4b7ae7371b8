import { Counter, Histogram, type Registry } from "prom-client";

import { type TrafficFigures } from "@fastnext/core";

import { METRIC, SERVER_ERROR_CODES } from "./names";

interface Snapshot {
  atMs: number;
  calls: number;
  serverErrors: number;
  /** Cumulative count of calls at or under each bucket bound, every procedure summed. */
  buckets: Map<number, number>;
}

/** How far back the figures look, and how often a reading is kept as a later baseline. */
const WINDOW_MS = 5 * 60_000;
const KEEP_EVERY_MS = 10_000;

const serverErrors = new Set<string>(SERVER_ERROR_CODES);

/**
 * Request rate, server-error ratio and p95 latency of the tRPC calls this
 * process served over about the last five minutes, from the same counters
 * Prometheus scrapes. Readings are taken when asked (the admin page), not
 * on a timer; until one is old enough, the baseline is the process's start.
 */
export class TrafficWindow {
  readonly #history: Snapshot[] = [];
  readonly #startedMs = Date.now();

  private readonly calls: Counter;
  private readonly durations: Histogram;

  /** Reads the tRPC call counter and duration histogram `registry` holds (createApiMetrics). */
  constructor(registry: Registry) {
    const calls = registry.getSingleMetric(METRIC.trpcCalls);
    const durations = registry.getSingleMetric(METRIC.trpcDuration);
    if (!(calls instanceof Counter) || !(durations instanceof Histogram))
      throw new Error("the registry holds no tRPC call metrics");
    this.calls = calls;
    this.durations = durations;
  }

  async read(nowMs = Date.now()): Promise<TrafficFigures> {
    const current = await this.#snapshot(nowMs);
    while (this.#history.length > 1 && (this.#history[1]?.atMs ?? nowMs) <= nowMs - WINDOW_MS)
      this.#history.shift();
    const baseline = this.#history[0] ?? {
      atMs: this.#startedMs,
      calls: 0,
      serverErrors: 0,
      buckets: new Map<number, number>(),
    };
    const last = this.#history.at(-1);
    if (!last || nowMs - last.atMs >= KEEP_EVERY_MS) this.#history.push(current);

    const seconds = Math.max(1, (nowMs - baseline.atMs) / 1000);
    const calls = current.calls - baseline.calls;
    return {
      windowSeconds: Math.round(seconds),
      requestsPerSecond: calls / seconds,
      errorRatio: calls > 0 ? (current.serverErrors - baseline.serverErrors) / calls : 0,
      p95Seconds: quantile(0.95, current.buckets, baseline.buckets, calls),
    };
  }

  async #snapshot(atMs: number): Promise<Snapshot> {
    const [calls, durations] = await Promise.all([this.calls.get(), this.durations.get()]);
    let total = 0;
    let errors = 0;
    for (const { value, labels } of calls.values) {
      total += value;
      if (serverErrors.has(String(labels.code))) errors += value;
    }
    const buckets = new Map<number, number>();
    for (const { metricName, value, labels } of durations.values) {
      // Bucket samples carry `le` besides the histogram's own labels.
      const le = (labels as Record<string, string | number | undefined>).le;
      if (!metricName?.endsWith("_bucket") || le === undefined || le === "+Inf") continue;
      const bound = Number(le);
      buckets.set(bound, (buckets.get(bound) ?? 0) + value);
    }
    return { atMs, calls: total, serverErrors: errors, buckets };
  }
}

/** The smallest bucket bound holding `q` of the calls between two readings; null without calls. */
function quantile(
  q: number,
  current: Map<number, number>,
  baseline: Map<number, number>,
  calls: number,
): number | null {
  if (calls <= 0) return null;
  const bounds = [...current.keys()].sort((a, b) => a - b);
  for (const bound of bounds) {
    const within = (current.get(bound) ?? 0) - (baseline.get(bound) ?? 0);
    if (within >= q * calls) return bound;
  }
  // Slower than the largest bound: report that bound as a floor.
  return bounds.at(-1) ?? null;
}
