/** One message, ready to send: both bodies already rendered and escaped. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface SentEmail {
  /** The Message-ID header the message went out with. */
  messageId: string;
}

/**
 * The port every sender uses. Implementations: SMTP (production) and a
 * folder of .eml files (development). A send that throws may or may not
 * have reached the server; callers that must not send twice record their
 * intent first (see the worker's outbound e-mail table).
 */
export interface Mailer {
  readonly transport: "smtp" | "file";
  send(message: EmailMessage): Promise<SentEmail>;
  close(): Promise<void>;
}
