import { TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { ZodError } from "zod";

import { AppError, type AppErrorCode, type FieldErrors, flattenIssues } from "@fastnext/core";

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

/** One sentence for a person: "name: Required; cursor: Invalid cursor". */
export function readableIssues(error: ZodError): string {
  const { fieldErrors, formErrors } = flattenIssues(error);
  const parts = [
    ...formErrors,
    ...Object.entries(fieldErrors).map(([field, messages]) => `${field}: ${messages.join(", ")}`),
  ];
  return parts.length > 0 ? parts.join("; ") : "Invalid input";
}

/** Said instead of what a library reported about a request it could not read (JSON, superjson, a stack overflow). */
export const UNREADABLE_MESSAGE = "The request could not be read";

/**
 * The message a client gets. Internal errors say nothing; invalid input is
 * one readable sentence; an error tRPC raised around a library's exception
 * (unparsable JSON, an unknown superjson type) gets a fixed sentence, since
 * the library's own words can name internals. Everything else (AppErrors,
 * tRPC's own refusals) keeps its message.
 */
export function publicMessage(error: TRPCError): string {
  if (error.code === "INTERNAL_SERVER_ERROR") return INTERNAL_MESSAGE;
  const cause = error.cause;
  if (cause instanceof ZodError) return readableIssues(cause);
  if (cause === undefined || cause instanceof AppError || cause instanceof TRPCError)
    return error.message;
  return UNREADABLE_MESSAGE;
}
