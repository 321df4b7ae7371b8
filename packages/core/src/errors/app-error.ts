import { type FieldErrors } from "@fastnext/validators";

export type { FieldErrors };

/**
 * Errors business code throws. They know nothing of HTTP or tRPC; the error
 * mapper turns each code into a transport code in exactly one place.
 */
export const AppErrorCode = {
  VALIDATION: "VALIDATION",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  RATE_LIMITED: "RATE_LIMITED",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
} as const;

export type AppErrorCode = (typeof AppErrorCode)[keyof typeof AppErrorCode];

export interface AppErrorOptions {
  /** Per-field messages, shown next to form fields. */
  fieldErrors?: FieldErrors;
  /** A stable, more specific reason clients may branch on (e.g. "last_admin"). */
  reason?: string;
  /** Safe, structured details for the client (never secrets or SQL). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors: FieldErrors | undefined;
  readonly reason: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.reason = options.reason;
    this.details = options.details;
  }
}
