import { z } from "zod";

import { EnvError, envFields, parseEnv, type EnvProblem, type EnvSource } from "@fastnext/config";

/**
 * Signing secret used when AUTH_JWT_SECRET is unset outside production. It is
 * public (it is in the source), so production refuses to start with it.
 */
export const DEVELOPMENT_JWT_SECRET =
  "fastnext-development-only-jwt-secret-do-not-use-in-production";

/**
 * Key for secrets stored encrypted (two-factor seeds) when
 * AUTH_ENCRYPTION_KEY is unset outside production: base64 of the 32 bytes
 * "fastnext-dev-only-encryption-key". Public, so production refuses it.
 */
export const DEVELOPMENT_ENCRYPTION_KEY = Buffer.from("fastnext-dev-only-encryption-key").toString(
  "base64",
);

/** A base64 string that decodes to exactly 32 bytes (an AES-256 key). */
const ZEncryptionKeySchema = z
  .string()
  .refine(
    (value) => /^[A-Za-z0-9+/]{43}=$/.test(value) && Buffer.from(value, "base64").length === 32,
    "must be 32 random bytes in base64 (openssl rand -base64 32)",
  );

/** Upper bound on clock skew tolerated when checking token expiry. */
export const MAX_CLOCK_SKEW_SECONDS = 120;

/** The variables readAuthEnv reads, inspectable without reading them. */
export const authEnvShape = {
  /** HMAC key for access tokens (HS256). At least 32 characters. */
  AUTH_JWT_SECRET: z
    .string()
    .min(32, "must be at least 32 characters")
    .default(DEVELOPMENT_JWT_SECRET),
  AUTH_JWT_ISSUER: z.string().min(1).default("fastnext"),
  AUTH_JWT_AUDIENCE: z.string().min(1).default("fastnext-api"),
  AUTH_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  AUTH_REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  AUTH_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(MAX_CLOCK_SKEW_SECONDS).default(30),
  /** AES-256-GCM key for secrets kept encrypted at rest: 32 bytes, base64. */
  AUTH_ENCRYPTION_KEY: ZEncryptionKeySchema.default(DEVELOPMENT_ENCRYPTION_KEY),
  NODE_ENV: envFields.nodeEnv(),
};

export type AuthEnv = z.infer<z.ZodObject<typeof authEnvShape>>;

export function readAuthEnv(source: EnvSource): AuthEnv {
  const problems: EnvProblem[] = [];
  let env: AuthEnv | undefined;
  try {
    env = parseEnv("auth", authEnvShape, source);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    problems.push(...error.problems);
  }

  // Checked against the source, so it is reported even when other variables
  // are also wrong.
  const secret = source.AUTH_JWT_SECRET;
  const secretUnset = secret === undefined || secret === "" || secret === DEVELOPMENT_JWT_SECRET;
  if (source.NODE_ENV === "production" && secretUnset) {
    problems.push({
      variable: "AUTH_JWT_SECRET",
      message:
        "must be set to a private random value in production (the development default is public)",
    });
  }

  const key = source.AUTH_ENCRYPTION_KEY;
  const keyUnset = key === undefined || key === "" || key === DEVELOPMENT_ENCRYPTION_KEY;
  if (source.NODE_ENV === "production" && keyUnset) {
    problems.push({
      variable: "AUTH_ENCRYPTION_KEY",
      message:
        "must be set to a private random key in production (the development default is public)",
    });
  }

  if (problems.length > 0 || env === undefined) throw new EnvError("auth", problems);
  return env;
}

let cached: AuthEnv | undefined;

/** Read lazily, on first use, so importing the package never reads process.env. */
export function authEnv(): AuthEnv {
  cached ??= readAuthEnv(process.env);
  return cached;
}
