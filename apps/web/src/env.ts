import { z } from "zod";

import { readApiConfig, type ApiConfig } from "@fastnext/api/env";
import {
  EnvError,
  envFields,
  parseEnv,
  type EnvProblem,
  type EnvSource,
  type EnvDocs,
} from "@fastnext/config";
import { readDbEnv } from "@fastnext/db/env";
import { readMetricsTokenEnv, type MetricsConfig } from "@fastnext/metrics/env";

/**
 * Key for the session cookie when NEXTAUTH_SECRET is unset outside
 * production. It is public (it is in the source), so production refuses to
 * start with it.
 */
export const DEVELOPMENT_NEXTAUTH_SECRET =
  "fastnext-development-only-nextauth-secret-do-not-use-in-production";

export const webEnvShape = {
  NODE_ENV: envFields.nodeEnv(),
  PORT: envFields.port(3000),
  APP_URL: z.url().default("http://localhost:3000"),
  /** Key next-auth derives the session cookie's encryption key from. At least 32 characters. */
  NEXTAUTH_SECRET: z
    .string()
    .min(32, "must be at least 32 characters")
    .default(DEVELOPMENT_NEXTAUTH_SECRET),
  /**
   * The site's public URL as next-auth sees it (redirects, secure cookies).
   * Defaults to APP_URL in production; unset in development, next-auth
   * takes it from each request's host, so sign-in works at localhost,
   * 127.0.0.1 and the machine's LAN address alike.
   */
  NEXTAUTH_URL: z.url().optional(),
};

/** The README's configuration table (`pnpm docs:env`). */
export const webEnvDocs: EnvDocs<typeof webEnvShape> = {
  NODE_ENV: "development, test or production; production refuses the public development secrets",
  PORT: "the web app's port",
  APP_URL: "the site's public address (links in e-mails, next-auth in production)",
  NEXTAUTH_SECRET: {
    description: "key of the web session cookie, at least 32 characters; required in production",
    default: "development value",
  },
  NEXTAUTH_URL: {
    description: "the site's public URL as next-auth sees it",
    default: "`APP_URL` in production, the request's host in development",
  },
};

/**
 * Validated once at start-up (instrumentation.ts): a bad value stops the
 * server with the variable's name instead of failing on the first request.
 */
export function readWebEnv(source: EnvSource) {
  const problems: EnvProblem[] = [];
  let web: z.infer<z.ZodObject<typeof webEnvShape>> | undefined;
  try {
    web = parseEnv("web", webEnvShape, source);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    problems.push(...error.problems);
  }

  // Checked against the source, so it is reported even when other variables
  // are also wrong.
  const secret = source.NEXTAUTH_SECRET;
  const secretUnset =
    secret === undefined || secret === "" || secret === DEVELOPMENT_NEXTAUTH_SECRET;
  if (source.NODE_ENV === "production" && secretUnset) {
    problems.push({
      variable: "NEXTAUTH_SECRET",
      message:
        "must be set to a private random value in production (the development default is public)",
    });
  }

  // The API's settings (CORS, trusted proxies, limits, database, tokens) are the web app's too.
  let api: ApiConfig | undefined;
  try {
    api = readApiConfig(source);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    problems.push(...error.problems);
  }

  // `/api/metrics` is served only behind METRICS_TOKEN.
  let metrics: Pick<MetricsConfig, "token"> | undefined;
  try {
    metrics = readMetricsTokenEnv(source);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    problems.push(...error.problems);
  }

  if (problems.length > 0 || web === undefined || api === undefined || metrics === undefined)
    throw new EnvError("web", problems);
  // Only in development and only when no URL was given: a production
  // server never trusts the Host header for its own address.
  const authUrlFromHost = web.NODE_ENV === "development" && web.NEXTAUTH_URL === undefined;
  return {
    ...web,
    NEXTAUTH_URL: web.NEXTAUTH_URL ?? web.APP_URL,
    authUrlFromHost,
    api,
    metrics,
    db: readDbEnv(source),
  };
}

let cached: ReturnType<typeof readWebEnv> | undefined;

/** Read on first use, not at import: `next build` imports routes without runtime env. */
export function webEnv(): ReturnType<typeof readWebEnv> {
  if (!cached) {
    cached = readWebEnv(process.env);
    // next-auth reads its URL from process.env itself, per request; with
    // AUTH_TRUST_HOST (and no NEXTAUTH_URL) it uses the request's host.
    if (cached.authUrlFromHost) process.env.AUTH_TRUST_HOST ||= "true";
    else process.env.NEXTAUTH_URL ||= cached.NEXTAUTH_URL;
  }
  return cached;
}
