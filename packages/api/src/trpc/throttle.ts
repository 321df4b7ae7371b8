import { spend } from "@fastnext/core/auth";

import { type Context } from "./context";

/**
 * The general limit on signed-in calls: one point per call for the user and
 * one for the client address, spent together (one counter round trip, no
 * database). Refused with RATE_LIMITED (429) and how long to wait, which the
 * HTTP handler also sends as Retry-After.
 */
export async function throttleSignedInCall(ctx: Context, userId: string): Promise<void> {
  const { callsPerUser, callsPerIp } = ctx.deps.limiters;
  await Promise.all([
    spend(callsPerUser, userId, "requests"),
    spend(callsPerIp, ctx.ip ?? "unknown", "requests from this address"),
  ]);
}
