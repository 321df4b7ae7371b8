export { AppError, AppErrorCode, type AppErrorOptions, type FieldErrors } from "./app-error";
export { describeError, flattenIssues, INTERNAL_MESSAGE, toTRPCError, type ErrorData } from "./map";
