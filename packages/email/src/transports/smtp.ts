import { SpanKind, trace } from "@opentelemetry/api";
import nodemailer from "nodemailer";

import { inSpan } from "@fastnext/tracing";

import { type SmtpConnection } from "../env";
import { type EmailMessage, type Mailer, type SentEmail } from "../mailer";

export interface SmtpMailerOptions {
  from: string;
  smtp: SmtpConnection;
  /** Bounds connecting, the greeting and every reply, so a send cannot hang a job. */
  timeoutMs: number;
}

const tracer = trace.getTracer("@fastnext/email");

function serverOf(connection: SmtpConnection): Record<string, string | number> {
  if (!("url" in connection))
    return { "server.address": connection.host, "server.port": connection.port };
  const url = new URL(connection.url);
  return url.port
    ? { "server.address": url.hostname, "server.port": Number(url.port) }
    : { "server.address": url.hostname };
}

/** Delivers through an SMTP server with nodemailer, one pooled connection at a time. */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const timeouts = {
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  };
  const connection = options.smtp;
  // Where the message goes, never who to: addresses stay out of traces.
  const peer = serverOf(connection);
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
    // A client span around the whole exchange with the server (nodemailer's
    // sockets are not instrumented); a no-op with tracing off.
    send(message: EmailMessage): Promise<SentEmail> {
      return tracer.startActiveSpan(
        "smtp send",
        { kind: SpanKind.CLIENT, attributes: { ...peer, "network.protocol.name": "smtp" } },
        (span) =>
          inSpan(span, async () => {
            const info = await transporter.sendMail({
              to: message.to,
              subject: message.subject,
              text: message.text,
              html: message.html,
            });
            return { messageId: info.messageId };
          }),
      );
    },
    close() {
      transporter.close();
      return Promise.resolve();
    },
  };
}
