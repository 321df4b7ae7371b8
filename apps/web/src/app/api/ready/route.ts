import { appDb, checkReadiness } from "@fastnext/db";

export const dynamic = "force-dynamic";

/** Readiness: the database answers and every shipped migration is applied. */
export async function GET(): Promise<Response> {
  const readiness = await checkReadiness(appDb());
  if (readiness.ready) return Response.json({ status: "ready", migrations: readiness.migrations });
  return Response.json(
    { status: "not_ready", reason: readiness.reason, detail: readiness.detail },
    { status: 503, headers: { "retry-after": "5" } },
  );
}
