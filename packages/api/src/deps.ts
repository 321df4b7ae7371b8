import { accessTokenConfig, authEnv, type AccessTokenConfig } from "@fastnext/auth";
import { appDb, dbEnv, type PrismaClient } from "@fastnext/db";
import { createLogger } from "@fastnext/logger";
import { createRateLimiter, createRedisClient, rateLimitEnv, type RateLimiter } from "@fastnext/rate-limit";

import { AccessCache } from "./auth/access-cache";
import { apiEnv } from "./env";
import { NotificationHub } from "./services/notifications/hub";

/** Sign-in protection: numbers an operator may tune. */
export interface LoginPolicy {
  /** Wrong passwords in a row that lock the account. */
  lockThreshold: number;
  lockSeconds: number;
}

/**
 * Everything a procedure needs from outside itself, built once per process.
 * Tests build their own with smaller limits; nothing else reaches for
 * globals.
 */
export interface ApiDeps {
  /** The application role's pool. RLS-bound: unscoped queries see nothing. */
  pool: PrismaClient;
  /** Permission sets between requests, re-validated on every request. */
  access: AccessCache;
  tokens: AccessTokenConfig;
  refreshTokenTtlDays: number;
  loginPolicy: LoginPolicy;
  limiters: {
    loginPerIp: RateLimiter;
    loginPerAccount: RateLimiter;
    registerPerIp: RateLimiter;
    refreshPerIp: RateLimiter;
    /** Password-reset requests and redemptions (optional: defaults in services/auth/password-reset.ts). */
    passwordResetPerIp?: RateLimiter;
    passwordResetPerAccount?: RateLimiter;
    /** Project invitations sent, per inviter. */
    invitationsPerInviter: RateLimiter;
    /** Every signed-in call, per user and per client address (API_RATE_LIMIT_*). */
    callsPerUser: RateLimiter;
    callsPerIp: RateLimiter;
  };
  /** Wakes live notification subscriptions; without it `notifications.onNew` is refused. */
  notifications?: NotificationHub;
}

let cached: ApiDeps | undefined;

export function defaultApiDeps(): ApiDeps {
  if (cached) return cached;
  const auth = authEnv();
  const redisUrl = rateLimitEnv().REDIS_URL;
  const redis = redisUrl ? createRedisClient(redisUrl) : null;
  // Until connected, limiters count in memory (see @fastnext/rate-limit).
  void redis?.connect().catch(() => undefined);
  const callLimit = (keyPrefix: string, points: number) =>
    createRateLimiter({
      keyPrefix,
      points,
      durationSeconds: apiEnv.API_RATE_LIMIT_WINDOW_SECONDS,
      redis,
      // Load shedding, not a guard of credentials: a failing store lets calls through.
      onStoreError: "allow",
    });
  cached = {
    pool: appDb(),
    // Connects on the first subscription only.
    notifications: new NotificationHub(dbEnv().appUrl, createLogger("notifications")),
    access: new AccessCache(),
    tokens: accessTokenConfig(auth),
    refreshTokenTtlDays: auth.AUTH_REFRESH_TOKEN_TTL_DAYS,
    loginPolicy: { lockThreshold: apiEnv.AUTH_LOCK_THRESHOLD, lockSeconds: apiEnv.AUTH_LOCK_SECONDS },
    limiters: {
      loginPerIp: createRateLimiter({ keyPrefix: "login-ip", points: apiEnv.AUTH_LOGIN_PER_IP, durationSeconds: 300, redis }),
      loginPerAccount: createRateLimiter({
        keyPrefix: "login-account",
        points: apiEnv.AUTH_LOGIN_PER_ACCOUNT,
        durationSeconds: 900,
        redis,
      }),
      registerPerIp: createRateLimiter({ keyPrefix: "register-ip", points: 20, durationSeconds: 3600, redis }),
      refreshPerIp: createRateLimiter({ keyPrefix: "refresh-ip", points: 300, durationSeconds: 300, redis }),
      passwordResetPerIp: createRateLimiter({ keyPrefix: "reset-ip", points: 20, durationSeconds: 3600, redis }),
      passwordResetPerAccount: createRateLimiter({ keyPrefix: "reset-account", points: 5, durationSeconds: 3600, redis }),
      invitationsPerInviter: createRateLimiter({ keyPrefix: "invite-user", points: 50, durationSeconds: 3600, redis }),
      callsPerUser: callLimit("calls-user", apiEnv.API_RATE_LIMIT_PER_USER),
      callsPerIp: callLimit("calls-ip", apiEnv.API_RATE_LIMIT_PER_IP),
    },
  };
  return cached;
}
