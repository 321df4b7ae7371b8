import { checkReadiness, checkWorkers, type PrismaClient } from "@fastnext/db";

/**
 * The probes the web app and the API server both answer, in one shape.
 *
 * Readiness (`/api/ready`, `/ready`) is about this process: 200 when the
 * database answers and every migration is applied, else 503, so a load
 * balancer sends traffic only to instances that can serve it. Whether a
 * worker runs is reported beside it (`worker: "ok" | "missing" | "unknown"`)
 * but never fails it: a stopped worker delays e-mails and notifications,
 * and taking every web instance out of rotation for it would turn a delay
 * into an outage.
 *
 * Worker health (`/api/health/worker`, `/health/worker`) is the one to alert
 * on: 200 while a worker beats, 503 when none has within three heartbeat
 * intervals (or the database cannot say).
 */
export async function readinessResponse(db: PrismaClient): Promise<Response> {
  const [readiness, workers] = await Promise.all([checkReadiness(db), checkWorkers(db)]);
  const worker = {
    worker: workers.worker,
    ...(workers.worker === "ok" ? { workers: workers.alive } : {}),
    ...("lastBeatAt" in workers ? { workerLastBeatAt: workers.lastBeatAt } : {}),
  };
  if (readiness.ready) {
    return Response.json({ status: "ready", migrations: readiness.migrations, ...worker });
  }
  return Response.json(
    { status: "not_ready", reason: readiness.reason, detail: readiness.detail, ...worker },
    { status: 503, headers: { "retry-after": "5" } },
  );
}

export async function workerHealthResponse(db: PrismaClient): Promise<Response> {
  const workers = await checkWorkers(db);
  if (workers.worker === "ok") {
    return Response.json({ status: "ok", workers: workers.alive, lastBeatAt: workers.lastBeatAt });
  }
  return Response.json(
    workers.worker === "missing"
      ? { status: "missing", lastBeatAt: workers.lastBeatAt }
      : { status: "unknown", detail: workers.detail },
    { status: 503, headers: { "retry-after": "5" } },
  );
}
