export { AppError, AppErrorCode, type AppErrorOptions, type FieldErrors } from "./app-error";
export {
  collectFieldErrors,
  describeError,
  flattenIssues,
  INTERNAL_MESSAGE,
  publicMessage,
  readableIssues,
  toTRPCError,
  UNREADABLE_MESSAGE,
  type ErrorData,
} from "./map";
