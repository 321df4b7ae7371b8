export { AppError, AppErrorCode, type AppErrorOptions, type FieldErrors } from "./app-error";
export { collectFieldErrors, flattenIssues } from "@fastnext/validators";
export {
  describeError,
  INTERNAL_MESSAGE,
  publicMessage,
  readableIssues,
  toTRPCError,
  UNREADABLE_MESSAGE,
  type ErrorData,
} from "./map";
