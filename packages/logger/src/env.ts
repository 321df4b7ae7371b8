import { z } from "zod";

import { envFields, parseEnv, type EnvSource, type EnvDocs } from "@fastnext/config";

export const loggerEnvShape = {
  NODE_ENV: envFields.nodeEnv(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** json for machines (default in production), pretty for people. */
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
};

/** The README's configuration table (`pnpm docs:env`). */
export const loggerEnvDocs: EnvDocs<typeof loggerEnvShape> = {
  NODE_ENV: "development, test or production; production refuses the public development secrets",
  LOG_LEVEL: "the lowest level logged",
  LOG_FORMAT: {
    description: "`json` for machines, `pretty` for people",
    default: "`json` in production, `pretty` otherwise",
  },
};

export type LoggerEnv = z.infer<z.ZodObject<typeof loggerEnvShape>>;

export function readLoggerEnv(source: EnvSource): LoggerEnv {
  return parseEnv("logger", loggerEnvShape, source);
}

let cached: LoggerEnv | undefined;

/** Read on first use, so importing the package never reads process.env. */
export function loggerEnv(): LoggerEnv {
  cached ??= readLoggerEnv(process.env);
  return cached;
}
