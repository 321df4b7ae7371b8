import { type Context } from "../../trpc/context";
import { type ClientMeta } from "../../services/auth/client-meta";

export function clientMeta(ctx: Context): ClientMeta {
  return { ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId };
}
