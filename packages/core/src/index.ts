/*
 * What every domain shares: the application error, pagination, the
 * caller's access, the service context and dependencies, the activity
 * trail. Each domain's services are imported from its own entry
 * (`@fastnext/core/projects`, `@fastnext/core/workflows`, ...).
 */
export {
  AppError,
  AppErrorCode,
  collectFieldErrors,
  flattenIssues,
  type AppErrorOptions,
  type FieldErrors,
} from "./errors";
export { CursorSigner, INVALID_CURSOR, invalidCursor, ZCursorSchema } from "./pagination/cursor";
export {
  decodeCursor,
  encodeCursor,
  pageOutputSchema,
  toPage,
  ZPageInputSchema,
  type Page,
  type PageInput,
  type Position,
} from "./pagination/pagination";
export { AccessCache, type Access } from "./access/access-cache";
export {
  resolveCredentials,
  type CredentialSources,
  type ResolveSession,
} from "./access/credentials";
export { loadAccess, scopeOf, type Credentials, type Principal } from "./access/principal";
export { serviceContext, type ServiceContext } from "./context";
export {
  type AttachmentSettings,
  type CoreDeps,
  type LoginPolicy,
  type ServiceLimiters,
  type TransferServiceSettings,
} from "./deps";
export {
  noTelemetry,
  SIGN_IN_OUTCOMES,
  telemetryOf,
  type SignInOutcome,
  type Telemetry,
  type TrafficFigures,
} from "./telemetry";
export {
  diffRecords,
  recordActivity,
  type ActivityEntry,
  type Actor,
  type Changes,
} from "./activity";
