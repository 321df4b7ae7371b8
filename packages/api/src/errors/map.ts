import { TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { ZodError } from "zod";

import { AppError, type AppErrorCode, type FieldErrors } from "./app-error";

const trpcCodeOf: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  VALIDATION: "BAD_REQUEST",
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
};

export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: trpcCodeOf[error.code], message: error.message, cause: error });
}

export interface ErrorData {
  appCode: AppErrorCode | null;
  reason: string | null;
  details: Record<string, unknown> | null;
  fieldErrors: FieldErrors | null;
  formErrors: string[] | null;
}

/** What the client learns about an error, beyond tRPC's code and status. */
export function describeError(error: TRPCError): ErrorData {
  const cause = error.cause;
  if (cause instanceof AppError) {
    return {
      appCode: cause.code,
      reason: cause.reason ?? null,
      details: cause.details ?? null,
      fieldErrors: cause.fieldErrors ?? null,
      formErrors: null,
    };
  }
  if (cause instanceof ZodError) {
    const { fieldErrors, formErrors } = flattenIssues(cause);
    return { appCode: "VALIDATION", reason: null, details: null, fieldErrors, formErrors };
  }
  return { appCode: null, reason: null, details: null, fieldErrors: null, formErrors: null };
}

/** Internal errors reach clients with this message and nothing else. */
export const INTERNAL_MESSAGE = "Internal server error";

/** Field errors keyed by dotted path (`data.email`), so nested inputs map to form fields. */
export function flattenIssues(error: ZodError): { fieldErrors: FieldErrors; formErrors: string[] } {
  const fieldErrors: FieldErrors = {};
  const formErrors: string[] = [];
  for (const issue of error.issues) {
    if (issue.path.length === 0) {
      formErrors.push(issue.message);
      continue;
    }
    const key = issue.path.map(String).join(".");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { fieldErrors, formErrors };
}
