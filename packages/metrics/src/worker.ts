import { Counter, Gauge, Histogram, type Registry } from "prom-client";

import { createDbMetrics, type DbMetrics } from "./db";
import { METRIC } from "./names";

/** Jobs of one queue in one pg-boss state (what @fastnext/events' jobsByQueueAndState reads). */
interface QueueStateCount {
  queue: string;
  state: string;
  count: number;
}

/** What the worker records: its jobs, the events' lag, its heartbeat, its database pools. */
export interface WorkerMetrics {
  readonly registry: Registry;
  readonly db: DbMetrics;
  /** One job's try ended. `retry` is true for a try after the first; `final` when no try is left. */
  jobEnded(
    queue: string,
    seconds: number,
    outcome: { ok: true; retry: boolean } | { ok: false; retry: boolean; final: boolean },
  ): void;
  /** A handler finished an event committed `seconds` ago. */
  eventHandled(handler: string, seconds: number): void;
  timeoutsFired(count: number): void;
  heartbeat(at: Date): void;
  /** Reads the jobs per queue and state at every scrape. */
  watchQueues(read: () => Promise<readonly QueueStateCount[]>): void;
}

export function createWorkerMetrics(registry: Registry): WorkerMetrics {
  const durations = new Histogram({
    name: METRIC.jobDuration,
    help: "Time one try of a job ran, by queue and outcome",
    labelNames: ["queue", "outcome"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const retries = new Counter({
    name: METRIC.jobRetries,
    help: "Tries of a job after its first, by queue",
    labelNames: ["queue"] as const,
    registers: [registry],
  });
  const failures = new Counter({
    name: METRIC.jobFailures,
    help: "Failed tries of a job, by queue; final=true when no try was left",
    labelNames: ["queue", "final"] as const,
    registers: [registry],
  });
  const lag = new Histogram({
    name: METRIC.eventLag,
    help: "Time from a domain event's commit to its handler's completion",
    labelNames: ["handler"] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
    registers: [registry],
  });
  const fired = new Counter({
    name: METRIC.workflowTimeoutsFired,
    help: "Workflow time-outs fired",
    registers: [registry],
  });
  const beat = new Gauge({
    name: METRIC.workerHeartbeat,
    help: "Unix time of this worker's last recorded heartbeat",
    registers: [registry],
  });
  let readQueues: () => Promise<readonly QueueStateCount[]> = () => Promise.resolve([]);
  new Gauge({
    name: METRIC.queueJobs,
    help: "Jobs in the queue by queue and state",
    labelNames: ["queue", "state"] as const,
    registers: [registry],
    async collect() {
      const counts = await readQueues();
      this.reset();
      for (const { queue, state, count } of counts) this.set({ queue, state }, count);
    },
  });
  return {
    registry,
    db: createDbMetrics(registry),
    jobEnded(queue, seconds, outcome) {
      durations.observe({ queue, outcome: outcome.ok ? "completed" : "failed" }, seconds);
      if (outcome.retry) retries.inc({ queue });
      if (!outcome.ok) failures.inc({ queue, final: String(outcome.final) });
    },
    eventHandled: (handler, seconds) => lag.observe({ handler }, Math.max(0, seconds)),
    timeoutsFired: (count) => fired.inc(count),
    heartbeat: (at) => beat.set(at.getTime() / 1000),
    watchQueues(read) {
      readQueues = read;
    },
  };
}
