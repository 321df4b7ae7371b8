import { type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { simpleParser, type ParsedMail } from "mailparser";
import { type Logger } from "pino";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";

import { readAuthEnv } from "@fastnext/auth/env";
import { type TransferSettings } from "@fastnext/core/transfers";
import { EMPTY_ALLOW_LIST } from "@fastnext/core/webhooks";
import { createPrismaClient, type PrismaClient } from "@fastnext/db";
import { createFileMailer, createSmtpMailer } from "@fastnext/email";
import { createLoggerTo } from "@fastnext/logger";
import { type WorkerMetrics } from "@fastnext/metrics";
import { type ObjectStorage } from "@fastnext/storage";
import { startApi, type TestApi } from "@fastnext/test-support";

import { createLinks, type Handler, type WorkerContext } from "../src/handlers";
import { type QueueSettings } from "../src/queue/boss";
import { type WebhookDeliverySettings } from "../src/webhooks/settings";
import { createWorker, type Worker } from "../src/worker";

export interface ReceivedMail {
  to: string[];
  mail: ParsedMail;
}

export interface SmtpOptions {
  /** Refuse these recipients with a permanent error (550). */
  reject?: (address: string) => boolean;
  /**
   * Called with each message before it is accepted; the message is
   * accepted when the returned promise resolves (use it to hold a message
   * while a test kills the sender).
   */
  beforeAccept?: (to: string[]) => Promise<void>;
}

/** A real SMTP server on a loopback port, keeping every message it accepted. */
export async function startSmtp(options: SmtpOptions = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.reject?.(address.address)) {
        const error = Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address);
      simpleParser(stream)
        .then(async (mail) => {
          await options.beforeAccept?.(to);
          received.push({ to, mail });
          callback();
        })
        .catch((error: unknown) =>
          callback(error instanceof Error ? error : new Error(String(error))),
        );
    },
  });
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    to: (address: string) => received.filter((m) => m.to.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TestSmtp = Awaited<ReturnType<typeof startSmtp>>;

/** Fast settings: short time-outs and no back-off, so retries happen within a test. */
export const fastQueue: QueueSettings = {
  concurrency: 2,
  pollIntervalSeconds: 0.5,
  jobTimeoutSeconds: 3,
  retryLimit: 2,
  retryDelaySeconds: 0,
  retryBackoff: false,
  maintenanceIntervalSeconds: 1,
  failedRetentionDays: 30,
};

/**
 * Webhook settings for tests: the development key ring (what startApi
 * seals with), short time-outs, no delay before retries.
 */
export const testWebhooks: WebhookDeliverySettings = {
  allowList: EMPTY_ALLOW_LIST,
  encryptionKeys: readAuthEnv({}).encryptionKeys,
  timeoutMs: 2_000,
  retryLimit: 2,
  retryDelaySeconds: 0,
  disableAfterFailures: 25,
  maxResponseBytes: 4096,
};

/** Transfer settings for tests: progress on every batch, a day's retention, 64 MB files. */
export const testTransfers: TransferSettings = {
  progressEveryRows: 1,
  progressEveryMs: 0,
  exportRetentionSeconds: 86_400,
  exportMaxBytes: 64 * 1024 * 1024,
  transactionTimeoutMs: 60_000,
  importLimits: { maxFileBytes: 16 * 1024 * 1024, maxRowBytes: 64 * 1024, maxRows: 100_000 },
};

/** The product's logger (redaction, trace ids), keeping its lines instead of printing them. */
export function quietLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLoggerTo(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split("\n").filter(Boolean)) {
          lines.push(JSON.parse(line) as Record<string, unknown>);
        }
        done();
      },
    }),
    "debug",
  );
  return { logger, lines };
}

export interface InProcessWorker {
  worker: Worker;
  db: PrismaClient;
  stop: () => Promise<void>;
}

/** The worker in this process, on the system login of a test database, mailing to `smtpPort`. */
export async function startWorker(
  systemUrl: string,
  smtpPort: number,
  options: {
    queue?: Partial<QueueSettings>;
    handlers?: readonly Handler[];
    heartbeatSeconds?: number;
    metrics?: WorkerMetrics;
    /** Where the worker logs (default: a quiet logger nobody reads). */
    log?: Logger;
    webhooks?: Partial<WebhookDeliverySettings>;
    storage?: ObjectStorage;
    /** Runs exports and imports as their requesters on this application-role URL. */
    transfers?: { appUrl: string; storage: ObjectStorage; settings?: Partial<TransferSettings> };
  } = {},
): Promise<InProcessWorker> {
  const db = createPrismaClient({ connectionString: systemUrl, max: 4 });
  const pool = options.transfers
    ? createPrismaClient({ connectionString: options.transfers.appUrl, max: 4 })
    : null;
  const mailer = createSmtpMailer({
    from: "FastNext <no-reply@example.com>",
    smtp: {
      host: "127.0.0.1",
      port: smtpPort,
      secure: false,
      user: undefined,
      password: undefined,
    },
    timeoutMs: 5_000,
  });
  const worker = createWorker({
    db,
    queueUrl: systemUrl,
    mailer,
    appUrl: "https://app.example.com",
    log: options.log ?? quietLogger().logger,
    purgeCron: "17 * * * *",
    timeoutsCron: "* * * * *",
    queue: { ...fastQueue, ...options.queue },
    handlers: options.handlers,
    heartbeatSeconds: options.heartbeatSeconds,
    metrics: options.metrics,
    webhooks: { ...testWebhooks, ...options.webhooks },
    storage: options.storage,
    ...(options.transfers &&
      pool && {
        transfers: {
          pool,
          storage: options.transfers.storage,
          cleanupCron: "23 * * * *",
          settings: { ...testTransfers, ...options.transfers.settings },
        },
      }),
  });
  await worker.start();
  return {
    worker,
    db,
    stop: async () => {
      await worker.stop(5_000);
      await mailer.close();
      await db.$disconnect();
      await pool?.$disconnect();
    },
  };
}

/**
 * What most worker tests run against: the real API on a fresh database, a
 * test SMTP server, and one in-process worker; `close` stops them in
 * reverse order.
 */
export async function startWorkerStack(smtpOptions: SmtpOptions = {}) {
  const api = await startApi();
  const smtp = await startSmtp(smtpOptions);
  const worker = await startWorker(api.db.systemUrl, smtp.port);
  return {
    api,
    smtp,
    worker,
    close: async () => {
      await worker.stop();
      await smtp.close();
      await api.close();
    },
  };
}

export type WorkerStack = Awaited<ReturnType<typeof startWorkerStack>>;

/** The reset link's secret, out of a received message. */
export function tokenFrom(mail: ParsedMail): string {
  const match = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? "");
  if (!match?.[1]) throw new Error("no reset link in the message");
  return match[1];
}

/**
 * What a handler runs with when a test calls `runHandler` itself, on the
 * system login `db`. Mail goes to files in a temporary folder: a test of a
 * mail handler starts an SMTP server (`startSmtp`) and builds its own.
 */
export function handlerContext(db: PrismaClient, storage?: ObjectStorage): WorkerContext {
  const { logger } = quietLogger();
  return {
    db,
    mailer: createFileMailer({
      from: "FastNext <no-reply@example.com>",
      dir: path.join(tmpdir(), "fastnext-test-mail"),
      logger,
    }),
    links: createLinks("https://app.example.com"),
    log: logger,
    mailLeaseSeconds: 30,
    sending: new Set(),
    webhooks: testWebhooks,
    storage,
  };
}

/** The notifications a domain event produced, one row per recipient, by user id. */
export async function notificationsOf(api: TestApi, eventId: string) {
  const { rows } = await api.sql.query<{
    user_id: string;
    kind: string;
    title: string;
    body: string;
    data: unknown;
  }>(
    "SELECT user_id, kind, title, body, data FROM notifications WHERE event_id = $1 ORDER BY user_id",
    [eventId],
  );
  return rows;
}

/** The handlers that have finished with a domain event, by name. */
export async function handled(api: TestApi, eventId: string): Promise<string[]> {
  const { rows } = await api.sql.query<{ handler: string }>(
    "SELECT handler FROM event_handler_runs WHERE event_id = $1 ORDER BY handler",
    [eventId],
  );
  return rows.map((r) => r.handler);
}
