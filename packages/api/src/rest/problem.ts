import { type TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { z } from "zod";

import { describeError, publicMessage } from "../errors";

/**
 * An error answered over REST, as RFC 9457 `application/problem+json`: the
 * standard members plus the same code, reason and field errors a tRPC client
 * gets in its error's `data` (both come from the one error mapper).
 */
export const ZProblemSchema = z
  .object({
    type: z.string().meta({ description: "urn:fastnext:problem:<code>, one per error code" }),
    title: z.string().meta({ description: "The code in words, the same for every error of it" }),
    status: z.number().int(),
    detail: z.string().meta({ description: "What went wrong, for a person" }),
    instance: z.string().meta({ description: "The request's path" }),
    code: z.string().meta({ description: "The tRPC error code, e.g. NOT_FOUND" }),
    reason: z.string().nullable().meta({ description: "A stable reason, e.g. email_taken" }),
    requestId: z.string(),
    fieldErrors: z.record(z.string(), z.array(z.string())).nullable(),
    formErrors: z.array(z.string()).nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: "Problem", description: "An error (RFC 9457 problem details)" });

export type Problem = z.infer<typeof ZProblemSchema>;

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** "NOT_FOUND" -> "Not found". */
function titleOf(code: string): string {
  const words = code.toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The problem document of `error`, raised while serving `instance`. */
export function problemOf(error: TRPCError, requestId: string, instance: string): Problem {
  const { reason, fieldErrors, formErrors, details } = describeError(error);
  return {
    type: `urn:fastnext:problem:${error.code.toLowerCase().replaceAll("_", "-")}`,
    title: titleOf(error.code),
    status: getHTTPStatusCodeFromError(error),
    detail: publicMessage(error),
    instance,
    code: error.code,
    reason,
    requestId,
    fieldErrors,
    formErrors,
    details,
  };
}

export function problemResponse(problem: Problem, headers: Headers): Response {
  const answer = new Headers(headers);
  answer.set("content-type", PROBLEM_CONTENT_TYPE);
  return new Response(JSON.stringify(problem), { status: problem.status, headers: answer });
}
