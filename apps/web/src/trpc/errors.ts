import { TRPCClientError } from "@trpc/client";
import { z } from "zod";

import { type FieldErrors } from "@fastnext/validators";

export type { FieldErrors };

/**
 * What the API's error formatter puts in `error.data` (packages/api
 * trpc/init.ts + errors/map.ts). Parsed, not cast: an error may also come
 * from a proxy, the network or an older server.
 */
const ZErrorDataSchema = z.object({
  code: z.string(),
  httpStatus: z.number().int(),
  appCode: z.string().nullish(),
  reason: z.string().nullish(),
  details: z.record(z.string(), z.unknown()).nullish(),
  fieldErrors: z.record(z.string(), z.array(z.string())).nullish(),
  formErrors: z.array(z.string()).nullish(),
  requestId: z.string().nullish(),
});

export interface ApiErrorInfo {
  /** tRPC's code (`NOT_FOUND`, `CONFLICT`…), or `NETWORK` when no answer came. */
  code: string;
  httpStatus: number | null;
  message: string;
  reason: string | null;
  details: Record<string, unknown>;
  fieldErrors: FieldErrors;
  formErrors: string[];
  requestId: string | null;
  /** Worth trying again (network trouble or a server fault), unlike a refusal. */
  retryable: boolean;
}

const NETWORK_MESSAGE = "The server could not be reached. Check your connection and try again.";

export function describeApiError(error: unknown): ApiErrorInfo {
  if (error instanceof TRPCClientError) {
    const parsed = ZErrorDataSchema.safeParse(error.data);
    if (parsed.success) {
      const data = parsed.data;
      return {
        code: data.code,
        httpStatus: data.httpStatus,
        message: error.message,
        reason: data.reason ?? null,
        details: data.details ?? {},
        fieldErrors: data.fieldErrors ?? {},
        formErrors: data.formErrors ?? [],
        requestId: data.requestId ?? null,
        retryable: data.httpStatus >= 500,
      };
    }
  }
  return {
    code: "NETWORK",
    httpStatus: null,
    message: NETWORK_MESSAGE,
    reason: null,
    details: {},
    fieldErrors: {},
    formErrors: [],
    requestId: null,
    retryable: true,
  };
}

/** A sentence for a person, by code, when the server's own message is not meant for them. */
export function errorMessage(error: unknown): string {
  const info = describeApiError(error);
  switch (info.code) {
    case "UNAUTHORIZED":
      return "Your session has ended. Sign in again.";
    case "FORBIDDEN":
      return "You do not have permission to do this.";
    case "NOT_FOUND":
      return info.message || "This no longer exists, or you cannot see it.";
    case "TOO_MANY_REQUESTS":
      return "Too many attempts. Wait a moment and try again.";
    case "INTERNAL_SERVER_ERROR":
      return `Something went wrong on our side${info.requestId ? ` (reference ${info.requestId})` : ""}.`;
    default:
      return info.message;
  }
}
