import { z } from "zod";

import { envFields, parseEnv } from "@fastnext/config";

export const apiEnvShape = {
  NODE_ENV: envFields.nodeEnv(),
  /** Comma-separated origins allowed to call the API from a browser. */
  CORS_ORIGINS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** Largest request body accepted, in bytes. */
  API_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
  /** Wrong passwords in a row that lock an account, and for how long. */
  AUTH_LOCK_THRESHOLD: z.coerce.number().int().min(1).max(100).default(6),
  AUTH_LOCK_SECONDS: z.coerce.number().int().min(1).default(900),
  /** Sign-in attempts allowed per client address in 5 minutes. */
  AUTH_LOGIN_PER_IP: z.coerce.number().int().min(1).default(30),
  /** Sign-in attempts allowed per account in 15 minutes. */
  AUTH_LOGIN_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
};

export const apiEnv = parseEnv("api", apiEnvShape, process.env);
