import { checkWorkers, poolStats } from "@fastnext/db";
import { type ApiMetrics } from "@fastnext/metrics";
import { type RateLimiter } from "@fastnext/rate-limit";

import { type ApiDeps } from "./deps";

/** `limiter`, counting each refusal under `name`. */
function countingRefusals(limiter: RateLimiter, name: string, metrics: ApiMetrics): RateLimiter {
  return {
    async consume(key) {
      const outcome = await limiter.consume(key);
      if (!outcome.allowed) metrics.rateLimited(name);
      return outcome;
    },
    reset: (key) => limiter.reset(key),
  };
}

/**
 * `deps` reporting to `metrics`: the services' telemetry, refusals of
 * every limiter (labelled by its name in `limiters`, a fixed set), and at
 * each scrape the pool's connections, the open live streams and the
 * workers the database sees. The pool's transaction durations are wired
 * where it is made (`createPrismaClient({ observer })`).
 */
export function observedDeps(deps: ApiDeps, metrics: ApiMetrics, poolMax: number): ApiDeps {
  const limiters = { ...deps.limiters };
  for (const name of Object.keys(limiters) as (keyof ApiDeps["limiters"])[]) {
    const limiter = limiters[name];
    if (limiter) limiters[name] = countingRefusals(limiter, name, metrics);
  }
  metrics.db.watchPool("app", poolMax, () => poolStats(deps.pool));
  const replica = deps.reads?.replica;
  if (replica) metrics.db.watchPool("replica", poolMax, () => poolStats(replica));
  metrics.watchLiveStreams(() => deps.notifications?.subscriberCount() ?? 0);
  metrics.watchWorkers(async () => {
    const status = await checkWorkers(deps.pool);
    if (status.worker === "ok") return status.alive;
    return status.worker === "missing" ? 0 : null;
  });
  return { ...deps, limiters, telemetry: metrics.telemetry };
}
