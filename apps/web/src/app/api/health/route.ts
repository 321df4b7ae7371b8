export const dynamic = "force-dynamic";

/** Liveness: the process answers. Touches nothing else on purpose. */
export function GET(): Response {
  return Response.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()) });
}
