import { z } from "zod";

import { isTRPCClientError } from "@fastnext/client";
import { type FieldErrors } from "@fastnext/validators";

/**
 * What a screen shows for a failed call: one sentence, the messages that
 * belong under particular fields, and whether the request reached the
 * server at all.
 */
export interface ProblemView {
  message: string;
  /** tRPC code, e.g. UNAUTHORIZED, VALIDATION problems are BAD_REQUEST. */
  code: string | null;
  /** The server's reason, e.g. `invalid_credentials`, `guard_failed`, `stale_version`. */
  reason: string | null;
  fieldErrors: FieldErrors;
  details: Readonly<Record<string, unknown>> | null;
  /** No answer came back: nothing is known to have changed on the server. */
  notSent: boolean;
}

/** The data the API's error formatter adds to every error (packages/api/src/trpc/init.ts). */
const ZErrorDataSchema = z.object({
  code: z.string(),
  reason: z.string().nullish(),
  details: z.record(z.string(), z.unknown()).nullish(),
  fieldErrors: z.record(z.string(), z.array(z.string())).nullish(),
  formErrors: z.array(z.string()).nullish(),
});

export const NOT_SENT_MESSAGE =
  "Not sent: the server could not be reached. Check the connection and try again.";

/** Reads any thrown value as a ProblemView; unknown values get a generic sentence. */
export function describeProblem(error: unknown): ProblemView {
  if (isTRPCClientError(error)) {
    const data = ZErrorDataSchema.safeParse(error.data);
    if (!data.success) {
      // No tRPC error body: the request or its answer was lost on the way.
      return {
        message: NOT_SENT_MESSAGE,
        code: null,
        reason: null,
        fieldErrors: {},
        details: null,
        notSent: true,
      };
    }
    const { code, reason, details, fieldErrors, formErrors } = data.data;
    const fieldCount = Object.keys(fieldErrors ?? {}).length;
    return {
      message:
        formErrors && formErrors.length > 0
          ? formErrors.join(" ")
          : fieldCount > 0 && code === "BAD_REQUEST" && !reason
            ? "Some fields need attention."
            : error.message,
      code,
      reason: reason ?? null,
      fieldErrors: fieldErrors ?? {},
      details: details ?? null,
      notSent: false,
    };
  }
  return {
    message: error instanceof Error ? error.message : "Something went wrong.",
    code: null,
    reason: null,
    fieldErrors: {},
    details: null,
    notSent: false,
  };
}
