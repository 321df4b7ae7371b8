import { accessTokenConfig } from "@fastnext/auth";
import { AccessCache, type CoreDeps, CursorSigner, type ServiceLimiters } from "@fastnext/core";
import { NotificationHub } from "@fastnext/core/notifications";
import { DownloadLinkSigner, importLimitsOf } from "@fastnext/core/transfers";
import { createPrismaClient, ReadRouting } from "@fastnext/db";
import { createLogger } from "@fastnext/logger";
import { type ApiMetrics } from "@fastnext/metrics";
import {
  createRateLimiter,
  createRedisClient,
  RedisWriteMarks,
  type RateLimiter,
} from "@fastnext/rate-limit";
import { createObjectStorage } from "@fastnext/storage";

import { type ApiConfig } from "./env";
import { observedDeps } from "./observed-deps";

/**
 * What the transport adds to the services' dependencies: the permission
 * cache `authed` consults and the general limit of signed-in calls.
 */
export interface ApiDeps extends CoreDeps {
  /** Permission sets between requests, re-validated on every request. */
  access: AccessCache;
  limiters: ServiceLimiters & {
    /** Every signed-in call, per user and per client address (API_RATE_LIMIT_*). */
    callsPerUser: RateLimiter;
    callsPerIp: RateLimiter;
  };
  /**
   * Where signed-in read-only calls run (DATABASE_REPLICA_URL); absent or
   * without a replica, everything runs on `pool`.
   */
  reads?: ReadRouting;
}

/**
 * The process's dependencies from its configuration. Called once by each
 * app's composition root; connects lazily (the pool on the first query,
 * the notification hub on the first subscription). With `metrics` (the
 * process's registry, made by the root) the deps report to it.
 */
export function createApiDeps(config: ApiConfig, options: { metrics?: ApiMetrics } = {}): ApiDeps {
  const { metrics } = options;
  const encryptionKeys = config.auth.encryptionKeys;
  // One adapter for every stored file: attachments and exports alike.
  const storage = createObjectStorage(config.storage);
  const redis = config.redisUrl ? createRedisClient(config.redisUrl) : null;
  // Until connected, limiters count in memory (see @fastnext/rate-limit).
  void redis?.connect().catch(() => undefined);
  const limit = (keyPrefix: string, points: number, durationSeconds: number) =>
    createRateLimiter({ keyPrefix, points, durationSeconds, redis });
  const callLimit = (keyPrefix: string, points: number) =>
    createRateLimiter({
      keyPrefix,
      points,
      durationSeconds: config.API_RATE_LIMIT_WINDOW_SECONDS,
      redis,
      // Load shedding, not a guard of credentials: a failing store lets calls through.
      onStoreError: "allow",
    });
  const pool = createPrismaClient({
    connectionString: config.database.appUrl,
    max: config.database.poolMax,
    applicationName: "fastnext-app",
    observer: metrics?.db.observer("app"),
    slowQueryMs: config.database.slowQueryMs,
  });
  const { replicaUrl } = config.database;
  const replica =
    replicaUrl === null
      ? null
      : createPrismaClient({
          connectionString: replicaUrl,
          max: config.database.poolMax,
          applicationName: "fastnext-app-replica",
          observer: metrics?.db.observer("replica"),
          slowQueryMs: config.database.slowQueryMs,
          // The primary stands by: a replica that does not answer soon is given up on.
          connectTimeoutMs: 2_000,
        });
  const deps: ApiDeps = {
    pool,
    reads: new ReadRouting({
      primary: pool,
      replica,
      maxLagSeconds: config.database.replicaMaxLagSeconds,
      // Without Redis, marks are per process: right only for a single instance.
      marks: redis ? new RedisWriteMarks(redis) : undefined,
      logger: createLogger("replica"),
      observer: metrics?.db.replica,
    }),
    notifications: new NotificationHub(config.database.appUrl, createLogger("notifications")),
    access: new AccessCache(),
    tokens: accessTokenConfig(config.auth),
    refreshTokenTtlDays: config.auth.AUTH_REFRESH_TOKEN_TTL_DAYS,
    encryptionKeys,
    cursors: CursorSigner.fromKeyRing(encryptionKeys),
    webhooks: config.webhooks,
    attachments: { storage, maxBytes: config.storage.ATTACHMENT_MAX_BYTES },
    transfers: {
      storage,
      links: DownloadLinkSigner.fromKeyRing(encryptionKeys),
      linkTtlSeconds: config.transfers.TRANSFER_LINK_TTL_SECONDS,
      importLimits: importLimitsOf(config.transfers),
    },
    loginPolicy: {
      lockThreshold: config.AUTH_LOCK_THRESHOLD,
      lockSeconds: config.AUTH_LOCK_SECONDS,
    },
    limiters: {
      loginPerIp: limit("login-ip", config.AUTH_LOGIN_PER_IP, 300),
      loginPerAccount: limit("login-account", config.AUTH_LOGIN_PER_ACCOUNT, 900),
      registerPerIp: limit("register-ip", config.AUTH_REGISTER_PER_IP, 3600),
      refreshPerIp: limit("refresh-ip", 300, 300),
      passwordResetPerIp: limit("reset-ip", 20, 3600),
      passwordResetPerAccount: limit("reset-account", 5, 3600),
      invitationsPerInviter: limit("invite-user", 50, 3600),
      callsPerUser: callLimit("calls-user", config.API_RATE_LIMIT_PER_USER),
      callsPerIp: callLimit("calls-ip", config.API_RATE_LIMIT_PER_IP),
    },
  };
  return metrics ? observedDeps(deps, metrics, config.database.poolMax) : deps;
}
