import { z } from "zod";

import { envFields, parseEnv } from "@fastnext/config";

export const loggerEnvShape = {
  NODE_ENV: envFields.nodeEnv(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** json for machines (default in production), pretty for people. */
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
};

export const loggerEnv = parseEnv("logger", loggerEnvShape, process.env);
