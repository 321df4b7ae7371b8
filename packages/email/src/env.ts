import path from "node:path";
import { fileURLToPath } from "node:url";

import { z } from "zod";

import {
  EnvError,
  envFields,
  parseEnv,
  type EnvProblem,
  type EnvSource,
  type EnvDocs,
} from "@fastnext/config";

/** The repository's git-ignored data folder: development mail lands in .data/mail. */
const DEFAULT_MAIL_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../.data/mail",
);

/** The variables readEmailEnv reads, inspectable without reading them. */
export const emailEnvShape = {
  NODE_ENV: envFields.nodeEnv(),
  /**
   * smtp: deliver through an SMTP server. file: write each message to
   * MAIL_DIR and log a one-line preview (development). Default: smtp in
   * production, file otherwise.
   */
  MAIL_TRANSPORT: z.enum(["smtp", "file"]).optional(),
  /** The From header of every message, e.g. `FastNext <no-reply@example.com>`. */
  MAIL_FROM: z.string().trim().min(3).max(320).optional(),
  MAIL_DIR: z.string().min(1).default(DEFAULT_MAIL_DIR),
  /** smtp(s)://user:password@host:port, instead of the SMTP_HOST family. */
  SMTP_URL: z
    .url()
    .refine((v) => /^smtps?:\/\//.test(v), "must be an smtp:// or smtps:// URL")
    .optional(),
  SMTP_HOST: z.string().trim().min(1).optional(),
  SMTP_PORT: envFields.port(587),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  /** true: TLS from the first byte (port 465). false: STARTTLS when offered. */
  SMTP_SECURE: envFields.boolean(false),
  /** Longest a single delivery may take (connect, greeting, each reply). */
  MAIL_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
};

/** The README's configuration table (`pnpm docs:env`). */
export const emailEnvDocs: EnvDocs<typeof emailEnvShape> = {
  NODE_ENV: "development, test or production; production refuses the public development secrets",
  MAIL_TRANSPORT: {
    description:
      "`smtp` delivers through an SMTP server; `file` writes each message to `MAIL_DIR` and logs a preview",
    default: "`smtp` in production, `file` otherwise",
  },
  MAIL_FROM: {
    description:
      "the From header of every message, e.g. `FastNext <no-reply@example.com>`; required for SMTP",
    default: "a localhost address outside SMTP",
  },
  MAIL_DIR: { description: "where the `file` transport writes messages", default: "`.data/mail`" },
  SMTP_URL: "`smtp(s)://user:password@host:port`, instead of the `SMTP_HOST` family",
  SMTP_HOST: "the SMTP server (required for SMTP unless `SMTP_URL` is set)",
  SMTP_PORT: "the SMTP server's port",
  SMTP_USER: "SMTP login; needs `SMTP_PASSWORD`",
  SMTP_PASSWORD: "SMTP password",
  SMTP_SECURE: "`true`: TLS from the first byte (port 465); `false`: STARTTLS when offered",
  MAIL_SEND_TIMEOUT_MS: "longest a single delivery may take (connect, greeting, each reply)",
};

const DEVELOPMENT_FROM = "FastNext <no-reply@localhost>";

export type SmtpConnection =
  | { url: string }
  | {
      host: string;
      port: number;
      secure: boolean;
      user: string | undefined;
      password: string | undefined;
    };

export type EmailConfig =
  | { transport: "smtp"; from: string; smtp: SmtpConnection; timeoutMs: number }
  | { transport: "file"; from: string; dir: string };

/**
 * Reads and cross-checks the mail settings: which transport, and for SMTP
 * a server plus an explicit sender. Every problem is reported at once.
 */
export function readEmailEnv(source: EnvSource): EmailConfig {
  const env = parseEnv("email", emailEnvShape, source);
  const transport = env.MAIL_TRANSPORT ?? (env.NODE_ENV === "production" ? "smtp" : "file");
  if (transport === "file")
    return { transport, from: env.MAIL_FROM ?? DEVELOPMENT_FROM, dir: env.MAIL_DIR };

  const problems: EnvProblem[] = [];
  if (!env.MAIL_FROM)
    problems.push({ variable: "MAIL_FROM", message: "is required to send through SMTP" });
  if (!env.SMTP_URL && !env.SMTP_HOST) {
    problems.push({
      variable: "SMTP_HOST",
      message: "is required to send through SMTP (or set SMTP_URL)",
    });
  }
  if (env.SMTP_USER && !env.SMTP_PASSWORD && !env.SMTP_URL) {
    problems.push({ variable: "SMTP_PASSWORD", message: "is required when SMTP_USER is set" });
  }
  if (problems.length > 0 || !env.MAIL_FROM) throw new EnvError("email", problems);
  const smtp: SmtpConnection = env.SMTP_URL
    ? { url: env.SMTP_URL }
    : {
        host: env.SMTP_HOST ?? "",
        port: env.SMTP_PORT,
        secure: env.SMTP_SECURE,
        user: env.SMTP_USER,
        password: env.SMTP_PASSWORD,
      };
  return { transport, from: env.MAIL_FROM, smtp, timeoutMs: env.MAIL_SEND_TIMEOUT_MS };
}
