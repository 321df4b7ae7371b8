import { z } from "zod";

import { envFields, parseEnv } from "@fastnext/config";

export const apiEnv = parseEnv(
  "api",
  {
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
  },
  process.env,
);
