import nodemailer from "nodemailer";

import { type SmtpConnection } from "../env";
import { type EmailMessage, type Mailer, type SentEmail } from "../mailer";

export interface SmtpMailerOptions {
  from: string;
  smtp: SmtpConnection;
  /** Bounds connecting, the greeting and every reply, so a send cannot hang a job. */
  timeoutMs: number;
}

/** Delivers through an SMTP server with nodemailer, one pooled connection at a time. */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const timeouts = {
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  };
  const connection = options.smtp;
  const transporter = nodemailer.createTransport(
    "url" in connection
      ? { url: connection.url, ...timeouts }
      : {
          host: connection.host,
          port: connection.port,
          secure: connection.secure,
          auth: connection.user
            ? { user: connection.user, pass: connection.password ?? "" }
            : undefined,
          ...timeouts,
        },
    { from: options.from },
  );

  return {
    transport: "smtp",
    async send(message: EmailMessage): Promise<SentEmail> {
      const info = await transporter.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      return { messageId: info.messageId };
    },
    close() {
      transporter.close();
      return Promise.resolve();
    },
  };
}
