import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";

/**
 * Server components call the router in-process, so its refusals arrive as
 * TRPCError rather than as an HTTP answer. A refusal (404, 403, 400) is
 * final: retrying it would hold the page back by the retry delays (three
 * seconds before a 404 page). Only a server fault is worth a second try.
 */
export function serverQueryRetryable(error: unknown): boolean {
  if (error instanceof TRPCError) return getHTTPStatusCodeFromError(error) >= 500;
  return true;
}
