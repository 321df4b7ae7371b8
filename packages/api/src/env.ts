import { z } from "zod";

import {
  readAuthEnv,
  readIdentityProvidersEnv,
  type AuthEnv,
  type IdentityProvidersEnv,
} from "@fastnext/auth/env";
import { readWebhookEnv, type WebhookSettings } from "@fastnext/core/webhooks";
import { readTransferEnv, type TransferEnv } from "@fastnext/core/transfers";
import { readStorageEnv, type StorageEnv } from "@fastnext/storage/env";
import {
  EnvError,
  envFields,
  parseEnv,
  type EnvProblem,
  type EnvSource,
  type EnvDocs,
} from "@fastnext/config";
import { readDbEnv, type DbEnv } from "@fastnext/db/env";
import { readRateLimitEnv } from "@fastnext/rate-limit/env";

import { parseTrustedProxies, type TrustProxy } from "./http/client-address";

const perWindow = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

export const apiEnvShape = {
  NODE_ENV: envFields.nodeEnv(),
  /**
   * Comma-separated origins allowed to call the API from a browser. The API
   * answers them with credentials allowed (the web session cookie), so a
   * wildcard would hand every site on the internet the signed-in user's
   * session: it is refused.
   */
  CORS_ORIGINS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((origins) => !origins.some((origin) => origin.includes("*")), {
      message:
        "must list origins one by one: a wildcard is refused, since allowed origins may send the user's credentials (cookies)",
    }),
  /**
   * Proxies in front of the server whose X-Forwarded-For / X-Forwarded-Proto
   * are believed: a hop count, or addresses and CIDR ranges (also loopback,
   * linklocal, uniquelocal). Unset: none; the socket peer is the client.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((value, ctx): TrustProxy => {
      try {
        return parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          message: error instanceof Error ? error.message : String(error),
        });
        return z.NEVER;
      }
    }),
  /** Largest request body accepted, in bytes. */
  API_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
  /** Wrong passwords in a row that lock an account, and for how long. */
  AUTH_LOCK_THRESHOLD: z.coerce.number().int().min(1).max(100).default(6),
  AUTH_LOCK_SECONDS: z.coerce.number().int().min(1).default(900),
  /** Sign-in attempts allowed per client address in 5 minutes. */
  AUTH_LOGIN_PER_IP: z.coerce.number().int().min(1).default(30),
  /** Sign-in attempts allowed per account in 15 minutes. */
  AUTH_LOGIN_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  /** New accounts allowed per client address in an hour. */
  AUTH_REGISTER_PER_IP: z.coerce.number().int().min(1).default(20),
  /** Signed-in calls allowed per user, and per client address, in each window. */
  API_RATE_LIMIT_PER_USER: perWindow(600),
  API_RATE_LIMIT_PER_IP: perWindow(1200),
  API_RATE_LIMIT_WINDOW_SECONDS: perWindow(60),
};

/** The README's configuration table (`pnpm docs:env`). */
export const apiEnvDocs: EnvDocs<typeof apiEnvShape> = {
  NODE_ENV: "development, test or production; production refuses the public development secrets",
  CORS_ORIGINS:
    "browser origins allowed to call the API (comma-separated, exact; a wildcard is refused)",
  TRUSTED_PROXIES: {
    description:
      "proxies whose `X-Forwarded-For`/`-Proto` are believed: a hop count, or addresses/CIDRs (`loopback`, `linklocal`, `uniquelocal` too)",
    default: "none: the socket peer is the client",
  },
  API_MAX_BODY_BYTES: "larger request bodies get 413",
  AUTH_LOCK_THRESHOLD: "wrong passwords in a row that lock an account",
  AUTH_LOCK_SECONDS: "how long a locked account stays locked",
  AUTH_LOGIN_PER_IP: "sign-in attempts allowed per client address in 5 minutes",
  AUTH_LOGIN_PER_ACCOUNT: "sign-in attempts allowed per account in 15 minutes",
  AUTH_REGISTER_PER_IP:
    "new accounts allowed per client address in an hour (raise it where many people share one address)",
  API_RATE_LIMIT_PER_USER: "signed-in calls allowed per user in each window",
  API_RATE_LIMIT_PER_IP: "signed-in calls allowed per client address in each window",
  API_RATE_LIMIT_WINDOW_SECONDS: "the rate-limit window",
};

export type ApiEnv = z.infer<z.ZodObject<typeof apiEnvShape>>;

export function readApiEnv(source: EnvSource): ApiEnv {
  return parseEnv("api", apiEnvShape, source);
}

/**
 * Everything `createApiDeps` and the HTTP edge need, as one typed value:
 * the API's own settings plus those of the packages it builds on. The apps
 * read it from their environment at start-up; nothing here reads
 * process.env.
 */
export interface ApiConfig extends ApiEnv {
  database: Pick<
    DbEnv,
    "appUrl" | "poolMax" | "slowQueryMs" | "replicaUrl" | "replicaMaxLagSeconds"
  >;
  auth: AuthEnv;
  /** Which webhook addresses may be registered, and how long a rotated secret signs. */
  webhooks: WebhookSettings;
  /** External identity providers and the phone flow's redirect URIs (AUTH_GITHUB_*, AUTH_OIDC_*, …). */
  identity: IdentityProvidersEnv;
  /** Shared store of rate-limit counters; unset: counted in memory. */
  redisUrl: string | undefined;
  /** Where attachments are stored, and their size limit. */
  storage: StorageEnv;
  /** Exports' download links (TRANSFER_* variables). */
  transfers: TransferEnv;
}

/** Reads the API's configuration from `source`, reporting every bad variable at once. */
export function readApiConfig(source: EnvSource): ApiConfig {
  const problems: EnvProblem[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof EnvError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const api = attempt(() => readApiEnv(source));
  const database = attempt(() => readDbEnv(source));
  const auth = attempt(() => readAuthEnv(source));
  const rateLimit = attempt(() => readRateLimitEnv(source));
  const webhooks = attempt(() => readWebhookEnv(source));
  const identity = attempt(() => readIdentityProvidersEnv(source));
  const storage = attempt(() => readStorageEnv(source));
  const transfers = attempt(() => readTransferEnv(source));
  if (!api || !database || !auth || !rateLimit || !webhooks || !identity || !storage || !transfers)
    throw new EnvError("api", problems);
  return {
    ...api,
    database: {
      appUrl: database.appUrl,
      poolMax: database.poolMax,
      slowQueryMs: database.slowQueryMs,
      replicaUrl: database.replicaUrl,
      replicaMaxLagSeconds: database.replicaMaxLagSeconds,
    },
    auth,
    webhooks,
    identity,
    redisUrl: rateLimit.REDIS_URL,
    storage,
    transfers,
  };
}
