export { AppError, AppErrorCode, type AppErrorOptions, type FieldErrors } from "./app-error";
export { collectFieldErrors, flattenIssues } from "@fastnext/validators";
