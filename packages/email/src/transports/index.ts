import { type Logger } from "@fastnext/logger";

import { type EmailConfig } from "../env";
import { type Mailer } from "../mailer";
import { createFileMailer } from "./file";
import { createSmtpMailer } from "./smtp";

/** The mailer the configuration asks for. */
export function createMailer(config: EmailConfig, logger: Logger): Mailer {
  return config.transport === "smtp"
    ? createSmtpMailer({ from: config.from, smtp: config.smtp, timeoutMs: config.timeoutMs })
    : createFileMailer({ from: config.from, dir: config.dir, logger });
}

export { createFileMailer, type FileMailerOptions } from "./file";
export { createSmtpMailer, type SmtpMailerOptions } from "./smtp";
