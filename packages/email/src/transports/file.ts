import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

import nodemailer from "nodemailer";

import { type Logger } from "@fastnext/logger";

import { type EmailMessage, type Mailer, type SentEmail } from "../mailer";

export interface FileMailerOptions {
  from: string;
  /** Folder the .eml files go to (git-ignored .data/mail by default). */
  dir: string;
  logger: Logger;
}

/**
 * Development delivery: each message becomes a real MIME file (open it in
 * any mail client) and one log line says who it was for and where it is.
 */
export function createFileMailer(options: FileMailerOptions): Mailer {
  // nodemailer's stream transport builds the exact message SMTP would send.
  const builder = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: "unix",
  });
  return {
    transport: "file",
    async send(message: EmailMessage): Promise<SentEmail> {
      const info = await builder.sendMail({ from: options.from, ...message });
      const raw: unknown = info.message;
      if (!Buffer.isBuffer(raw)) throw new Error("the message could not be built");
      await mkdir(options.dir, { recursive: true });
      const file = path.join(
        options.dir,
        `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomUUID()}.eml`,
      );
      await writeFile(file, raw);
      options.logger.info({ to: message.to, subject: message.subject, file }, "mail written");
      return { messageId: info.messageId };
    },
    close() {
      return Promise.resolve();
    },
  };
}
