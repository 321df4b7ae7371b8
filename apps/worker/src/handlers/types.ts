import { type PrismaClient, type ScopedDb } from "@fastnext/db";
import { type EmailMessage, type Mailer } from "@fastnext/email";
import { parsePayload, type DomainEvent, type EventName } from "@fastnext/events";
import { type Logger } from "@fastnext/logger";

import { type WorkerMetrics } from "@fastnext/metrics";
import { type ObjectStorage } from "@fastnext/storage";

import { type WebhookDeliverySettings } from "../webhooks/settings";
import { type Links } from "./links";

/** What every handler may use. The database client is the system login. */
export interface WorkerContext {
  db: PrismaClient;
  mailer: Mailer;
  links: Links;
  log: Logger;
  /** How long one attempt holds an outgoing message before another may send it. */
  mailLeaseSeconds: number;
  /**
   * Outgoing messages this process is sending right now. A try the queue
   * gave up on (it overran its time-out) may still be sending: a later try
   * in the same process must not take the message over.
   */
  sending: Set<string>;
  /** Webhook delivery settings: the fan-out stamps them on each delivery job. */
  webhooks: WebhookDeliverySettings;
  /** The process's metrics (event lag); absent in tests that do not look. */
  metrics?: WorkerMetrics;
  /** Where attachments are stored: deleted items' files are removed there. */
  storage?: ObjectStorage;
}

/** An event as stored: the payload is checked against the catalogue before a handler sees it. */
export interface StoredEvent {
  id: string;
  name: string;
  payload: unknown;
  actorId: string | null;
  requestId: string | null;
  /** The trace context of the span that raised it (see `withEventSpan`). */
  traceparent: string | null;
  tracestate: string | null;
  createdAt: Date;
}

export interface Recipient {
  /** null for an address that belongs to no account. */
  userId: string | null;
  email: string;
}

/**
 * A handler whose effects are database writes: they commit in ONE
 * transaction together with the handler's completion record, so a second
 * run finds the record and does nothing.
 */
export interface TransactionHandlerSpec<N extends EventName> {
  name: string;
  event: N;
  /** See `Handler.wanted`. */
  wanted?(db: PrismaClient, event: StoredEvent): Promise<boolean>;
  apply(tx: ScopedDb, event: DomainEvent<N>, ctx: WorkerContext): Promise<void>;
}

/**
 * A handler that sends e-mail. Recipients are recorded (committed) first,
 * each message is sent, then marked sent: a retry resends only what was
 * never marked. `compose` runs at send time in a transaction that commits
 * before the send; null means "nothing to send any more".
 */
export interface EmailHandlerSpec<N extends EventName> {
  name: string;
  event: N;
  recipients(tx: ScopedDb, event: DomainEvent<N>, ctx: WorkerContext): Promise<Recipient[]>;
  compose(
    tx: ScopedDb,
    event: DomainEvent<N>,
    recipient: Recipient,
    ctx: WorkerContext,
  ): Promise<EmailMessage | null>;
}

/** A handler as the runner sees it: the payload is parsed inside, so no caller can pass the wrong type. */
export type Handler =
  | {
      kind: "transaction";
      name: string;
      event: EventName;
      /** Retries after the first attempt, when the handler wants other than the worker's default. */
      retryLimit?: number;
      /**
       * Asked by the dispatcher: false means this event has nothing for the
       * handler to do, and no job is made for it (absent: always true).
       */
      wanted?(db: PrismaClient, event: StoredEvent): Promise<boolean>;
      apply(tx: ScopedDb, event: StoredEvent, ctx: WorkerContext): Promise<void>;
    }
  | {
      kind: "email";
      name: string;
      event: EventName;
      retryLimit?: number;
      recipients(tx: ScopedDb, event: StoredEvent, ctx: WorkerContext): Promise<Recipient[]>;
      compose(
        tx: ScopedDb,
        event: StoredEvent,
        recipient: Recipient,
        ctx: WorkerContext,
      ): Promise<EmailMessage | null>;
    };

function typed<N extends EventName>(name: N, event: StoredEvent): DomainEvent<N> {
  return {
    id: event.id,
    name,
    payload: parsePayload(name, event.payload),
    actorId: event.actorId,
    requestId: event.requestId,
    createdAt: event.createdAt,
  };
}

export function transactionHandler<N extends EventName>(spec: TransactionHandlerSpec<N>): Handler {
  return {
    kind: "transaction",
    name: spec.name,
    event: spec.event,
    ...(spec.wanted && {
      wanted: (db: PrismaClient, event: StoredEvent) =>
        spec.wanted?.(db, event) ?? Promise.resolve(true),
    }),
    apply: (tx, event, ctx) => spec.apply(tx, typed(spec.event, event), ctx),
  };
}

export function emailHandler<N extends EventName>(spec: EmailHandlerSpec<N>): Handler {
  return {
    kind: "email",
    name: spec.name,
    event: spec.event,
    recipients: (tx, event, ctx) => spec.recipients(tx, typed(spec.event, event), ctx),
    compose: (tx, event, recipient, ctx) =>
      spec.compose(tx, typed(spec.event, event), recipient, ctx),
  };
}
