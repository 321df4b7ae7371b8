import { type ClientMeta } from "@fastnext/core/auth";

import { type Context } from "../../trpc/context";

export function clientMeta(ctx: Context): ClientMeta {
  return { ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId };
}
