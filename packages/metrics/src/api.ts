import { Counter, Gauge, Histogram, type Registry } from "prom-client";

import { SIGN_IN_OUTCOMES, type Telemetry } from "@fastnext/core";

import { createDbMetrics, type DbMetrics } from "./db";
import { METRIC } from "./names";
import { TrafficWindow } from "./traffic";

export interface CallLabels {
  /** The procedure's router path, e.g. "projects.create": a fixed set. */
  procedure: string;
  type: "query" | "mutation" | "subscription";
  /** "OK", or the tRPC error code the call ended with. */
  code: string;
}

/**
 * What the web app and the API server record: their tRPC calls, HTTP
 * answers, database pool and the services' security and business figures.
 */
export interface ApiMetrics {
  readonly registry: Registry;
  readonly db: DbMetrics;
  /** The services' recorder (`CoreDeps.telemetry`). */
  readonly telemetry: Telemetry;
  call(labels: CallLabels, seconds: number, statements: number): void;
  httpResponse(
    handler: "trpc" | "rest" | "attachments" | "transfers" | "metrics",
    status: number,
  ): void;
  /** One request refused by the limiter named `limiter` (its key prefix). */
  rateLimited(limiter: string): void;
  /** Reports `count()` (open live-notification streams) at every scrape. */
  watchLiveStreams(count: () => number): void;
  /** Reports `alive()` (workers the database sees beating) at every scrape. */
  watchWorkers(alive: () => Promise<number | null>): void;
}

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createApiMetrics(registry: Registry): ApiMetrics {
  const calls = new Counter({
    name: METRIC.trpcCalls,
    help: "tRPC procedure calls by procedure, type and result code",
    labelNames: ["procedure", "type", "code"] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: METRIC.trpcDuration,
    help: "Time from a tRPC call's start to its result (for a subscription: until it is set up)",
    labelNames: ["procedure", "type", "code"] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const statements = new Histogram({
    name: METRIC.statementsPerCall,
    help: "Statements sent to PostgreSQL while one tRPC call ran",
    labelNames: ["procedure", "type"] as const,
    buckets: [0, 1, 2, 4, 8, 16, 32, 64, 128],
    registers: [registry],
  });
  const responses = new Counter({
    name: METRIC.httpResponses,
    help: "HTTP responses by handler and status code",
    labelNames: ["handler", "status"] as const,
    registers: [registry],
  });
  const signIns = new Counter({
    name: METRIC.signIns,
    help: "Password sign-in attempts by outcome",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  for (const outcome of SIGN_IN_OUTCOMES) signIns.inc({ outcome }, 0);
  const lockOuts = new Counter({
    name: METRIC.lockOuts,
    help: "Accounts locked by too many wrong passwords or codes",
    registers: [registry],
  });
  const reuse = new Counter({
    name: METRIC.refreshTokenReuse,
    help: "Spent refresh tokens presented again (their session was revoked)",
    registers: [registry],
  });
  const limited = new Counter({
    name: METRIC.rateLimited,
    help: "Requests refused by a rate limit, by limiter",
    labelNames: ["limiter"] as const,
    registers: [registry],
  });
  const created = new Counter({
    name: METRIC.workflowInstancesCreated,
    help: "Workflow instances started",
    registers: [registry],
  });
  const transitions = new Counter({
    name: METRIC.workflowTransitions,
    help: "Workflow transitions made by users",
    registers: [registry],
  });
  let liveStreams: () => number = () => 0;
  new Gauge({
    name: METRIC.liveStreams,
    help: "Open live-notification streams of this process",
    registers: [registry],
    collect() {
      this.set(liveStreams());
    },
  });
  let workersAlive: () => Promise<number | null> = () => Promise.resolve(null);
  new Gauge({
    name: METRIC.workersAlive,
    help: "Worker processes that beat within three of their intervals (as the database sees them)",
    registers: [registry],
    async collect() {
      const alive = await workersAlive();
      // Unknown (database unreachable): no sample rather than a false zero.
      if (alive === null) this.reset();
      else this.set(alive);
    },
  });
  const traffic = new TrafficWindow(registry);

  return {
    registry,
    db: createDbMetrics(registry),
    telemetry: {
      signIn: (outcome) => signIns.inc({ outcome }),
      lockOut: () => lockOuts.inc(),
      refreshTokenReuse: () => reuse.inc(),
      workflowInstanceCreated: () => created.inc(),
      workflowTransition: () => transitions.inc(),
      traffic: () => traffic.read(),
    },
    call(labels, seconds, count) {
      calls.inc(labels);
      durations.observe(labels, seconds);
      statements.observe({ procedure: labels.procedure, type: labels.type }, count);
    },
    httpResponse: (handler, status) => responses.inc({ handler, status: String(status) }),
    rateLimited: (limiter) => limited.inc({ limiter }),
    watchLiveStreams(count) {
      liveStreams = count;
    },
    watchWorkers(alive) {
      workersAlive = alive;
    },
  };
}
