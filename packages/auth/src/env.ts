import { z } from "zod";

import {
  EnvError,
  envFields,
  parseEnv,
  type EnvProblem,
  type EnvSource,
  type EnvDocs,
} from "@fastnext/config";

import { derivedKeyId, keyListSchema, mapKeyList, type KeyList } from "./key-list";

/**
 * Signing secret used when neither AUTH_JWT_SECRETS nor AUTH_JWT_SECRET is
 * set outside production. It is public (it is in the source), so
 * production refuses to start with it.
 */
export const DEVELOPMENT_JWT_SECRET =
  "fastnext-development-only-jwt-secret-do-not-use-in-production";

/**
 * Key for secrets stored encrypted (two-factor seeds) when neither
 * AUTH_ENCRYPTION_KEYS nor AUTH_ENCRYPTION_KEY is set outside production: base64 of the 32 bytes
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

const ZJwtSecretSchema = z.string().min(32, "must be at least 32 characters");

/** An HMAC key of the access-token key set. */
export interface JwtKey {
  readonly kid: string;
  readonly secret: string;
}

/** A master key of the encryption key ring: 32 bytes. */
export interface EncryptionKey {
  readonly kid: string;
  readonly key: Uint8Array;
}

/** Upper bound on clock skew tolerated when checking token expiry. */
export const MAX_CLOCK_SKEW_SECONDS = 120;

/** The variables readAuthEnv reads, inspectable without reading them. */
export const authEnvShape = {
  /**
   * HMAC keys for access and two-factor challenge tokens (HS256), newest
   * first: `kid:secret,kid:secret`, each secret at least 32 characters. The
   * first signs, every one verifies.
   */
  AUTH_JWT_SECRETS: keyListSchema(ZJwtSecretSchema).optional(),
  /** A single HMAC key, for a set of one (its key id derived from it). Not together with AUTH_JWT_SECRETS. */
  AUTH_JWT_SECRET: ZJwtSecretSchema.optional(),
  AUTH_JWT_ISSUER: z.string().min(1).default("fastnext"),
  AUTH_JWT_AUDIENCE: z.string().min(1).default("fastnext-api"),
  AUTH_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  AUTH_REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  AUTH_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(MAX_CLOCK_SKEW_SECONDS).default(30),
  /**
   * Master keys for secrets kept encrypted at rest (AES-256-GCM) and for
   * keyed digests, newest first: `kid:base64,kid:base64`, each 32 bytes. The
   * first encrypts, every one decrypts.
   */
  AUTH_ENCRYPTION_KEYS: keyListSchema(ZEncryptionKeySchema).optional(),
  /** A single master key (32 bytes, base64), for a ring of one. Not together with AUTH_ENCRYPTION_KEYS. */
  AUTH_ENCRYPTION_KEY: ZEncryptionKeySchema.optional(),
  NODE_ENV: envFields.nodeEnv(),
};

/** The README's configuration table (`pnpm docs:env`). */
export const authEnvDocs: EnvDocs<typeof authEnvShape> = {
  AUTH_JWT_SECRETS: {
    description:
      "keys of access and two-factor challenge tokens (HS256), newest first: `kid:secret,…`, each at least 32 characters; the first signs, all verify (`docs/operations/key-rotation.md`); production needs it or `AUTH_JWT_SECRET`",
    default: "unset",
  },
  AUTH_JWT_SECRET: {
    description:
      "one signing key, as a set of one (its key id derived from it); not together with `AUTH_JWT_SECRETS`",
    default: "development value",
  },
  AUTH_JWT_ISSUER: "`iss` claim written into and required of access tokens",
  AUTH_JWT_AUDIENCE: "`aud` claim written into and required of access tokens",
  AUTH_ACCESS_TOKEN_TTL_SECONDS: "lifetime of an access token",
  AUTH_REFRESH_TOKEN_TTL_DAYS: "lifetime of a refresh token (a session)",
  AUTH_CLOCK_SKEW_SECONDS: "clock skew tolerated when checking token expiry (at most 120)",
  AUTH_ENCRYPTION_KEYS: {
    description:
      "master keys (32 bytes, base64: `openssl rand -base64 32`) of two-factor seeds and backup-code digests, newest first: `kid:base64,…`; the first encrypts, all decrypt; the newest also derives the pagination cursors' signing key; production needs it or `AUTH_ENCRYPTION_KEY`",
    default: "unset",
  },
  AUTH_ENCRYPTION_KEY: {
    description: "one master key, as a ring of one; not together with `AUTH_ENCRYPTION_KEYS`",
    default: "development value",
  },
  NODE_ENV: "development, test or production; production refuses the public development secrets",
};

type AuthEnvVariables = z.infer<z.ZodObject<typeof authEnvShape>>;

export type AuthEnv = AuthEnvVariables & {
  /** The access-token key set: the first signs, all verify. */
  readonly jwtKeys: KeyList<JwtKey>;
  /** The encryption key ring: the first encrypts, all decrypt. */
  readonly encryptionKeys: KeyList<EncryptionKey>;
};

/**
 * The key list a list variable or its single-key form configures, or
 * `fallback` (the development default) when neither is set.
 */
function keyListOf(
  list: KeyList<{ kid: string; value: string }> | undefined,
  single: string | undefined,
  fallback: string,
): KeyList<{ kid: string; value: string }> {
  if (list) return list;
  const value = single ?? fallback;
  return [{ kid: derivedKeyId(value), value }];
}

/**
 * Problems with a list variable and its single-key form together: both
 * set, or (in production) neither set or either holding the public
 * development key.
 */
function keyProblems(
  source: EnvSource,
  names: { list: string; single: string },
  developmentValue: string,
  noun: "secret" | "key",
): EnvProblem[] {
  const list = source[names.list] ?? "";
  const single = source[names.single] ?? "";
  if (list !== "" && single !== "") {
    return [
      {
        variable: names.list,
        message: `set either ${names.list} or ${names.single}, not both (list the single key in ${names.list})`,
      },
    ];
  }
  if (source.NODE_ENV !== "production") return [];
  const listed = list.split(",").map((entry) => entry.slice(entry.indexOf(":") + 1).trim());
  if (list === "" && (single === "" || single === developmentValue)) {
    return [
      {
        variable: single === "" ? names.list : names.single,
        message: `${names.list} (or ${names.single}) must be set to private random ${noun}s in production (the development default is public)`,
      },
    ];
  }
  if (list !== "" && listed.includes(developmentValue)) {
    return [
      {
        variable: names.list,
        message: `must not hold the public development ${noun} in production`,
      },
    ];
  }
  return [];
}

/**
 * Parses `shape` from `source`, adding its problems to `problems` instead of
 * throwing, so the key checks below are reported beside them.
 */
function parseCollecting<TShape extends z.ZodRawShape>(
  shape: TShape,
  source: EnvSource,
  problems: EnvProblem[],
): z.infer<z.ZodObject<TShape>> | undefined {
  try {
    return parseEnv("auth", shape, source);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}

const encryptionKeyProblems = (source: EnvSource) =>
  keyProblems(
    source,
    { list: "AUTH_ENCRYPTION_KEYS", single: "AUTH_ENCRYPTION_KEY" },
    DEVELOPMENT_ENCRYPTION_KEY,
    "key",
  );

function encryptionKeyRing(env: {
  AUTH_ENCRYPTION_KEYS?: KeyList<{ kid: string; value: string }>;
  AUTH_ENCRYPTION_KEY?: string;
}): KeyList<EncryptionKey> {
  const keys = keyListOf(
    env.AUTH_ENCRYPTION_KEYS,
    env.AUTH_ENCRYPTION_KEY,
    DEVELOPMENT_ENCRYPTION_KEY,
  );
  return mapKeyList(keys, ({ kid, value }) => ({ kid, key: Buffer.from(value, "base64") }));
}

export function readAuthEnv(source: EnvSource): AuthEnv {
  const problems: EnvProblem[] = [];
  const env = parseCollecting(authEnvShape, source, problems);
  // Checked against the source, so they are reported even when other
  // variables are also wrong.
  problems.push(
    ...keyProblems(
      source,
      { list: "AUTH_JWT_SECRETS", single: "AUTH_JWT_SECRET" },
      DEVELOPMENT_JWT_SECRET,
      "secret",
    ),
    ...encryptionKeyProblems(source),
  );
  if (problems.length > 0 || env === undefined) throw new EnvError("auth", problems);
  const jwtKeys = keyListOf(env.AUTH_JWT_SECRETS, env.AUTH_JWT_SECRET, DEVELOPMENT_JWT_SECRET);
  return {
    ...env,
    jwtKeys: mapKeyList(jwtKeys, ({ kid, value }) => ({ kid, secret: value })),
    encryptionKeys: encryptionKeyRing(env),
  };
}

let cached: AuthEnv | undefined;

/** Read lazily, on first use, so importing the package never reads process.env. */
export function authEnv(): AuthEnv {
  cached ??= readAuthEnv(process.env);
  return cached;
}

/**
 * The encryption key ring alone, with the same checks as readAuthEnv, for
 * a process that opens sealed secrets but issues no tokens (the worker
 * signs webhooks with sealed secrets).
 */
export function readEncryptionKeyRing(source: EnvSource): KeyList<EncryptionKey> {
  const shape = {
    AUTH_ENCRYPTION_KEYS: authEnvShape.AUTH_ENCRYPTION_KEYS,
    AUTH_ENCRYPTION_KEY: authEnvShape.AUTH_ENCRYPTION_KEY,
  };
  const problems: EnvProblem[] = [];
  const env = parseCollecting(shape, source, problems);
  problems.push(...encryptionKeyProblems(source));
  if (problems.length > 0 || env === undefined) throw new EnvError("auth", problems);
  return encryptionKeyRing(env);
}

export * from "./identity-providers-env";
