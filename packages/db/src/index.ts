export {
  appDb,
  createPrismaClient,
  disconnectAppDb,
  poolStats,
  type PrismaClientOptions,
} from "./client";
export { countingStatements, type PoolObserver, type PoolStats } from "./pool-observer";
export { dbEnv, readDbEnv, type DbEnv } from "./env";
export { checkReadiness, checkWorkers, type Readiness, type WorkerStatus } from "./readiness";
export { QUEUE_SCHEMA } from "./queue";
export { APP_ROLE, SYSTEM_ROLE } from "./roles";
export {
  ANONYMOUS_SCOPE,
  applyScope,
  withScope,
  scopedExecute,
  scopedRows,
  withSessionScope,
  type Scope,
  type ScopedDb,
  type ScopeOptions,
  type SessionScope,
  type SessionState,
} from "./scope";
export { type ParameterizedStatement } from "./scoped-connection";
export { isUniqueViolation } from "./errors";
export {
  parseLsn,
  ReadRouting,
  RetryOnPrimary,
  type PrimaryReason,
  type ReadRoutingOptions,
  type ReplicaObserver,
  type ReplicaStatus,
} from "./replica";
export { MemoryWriteMarks, type WriteMarks } from "./write-marks";
export { Prisma, PrismaClient } from "./generated/prisma/client";
export type {
  Permission as PermissionRecord,
  RefreshToken,
  Role,
  RolePermission,
  Session,
  User,
  UserRole,
} from "./generated/prisma/client";
