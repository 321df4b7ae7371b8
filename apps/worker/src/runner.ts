import { type PrismaClient } from "@fastnext/db";
import { bindLogScope, type Logger } from "@fastnext/logger";

import { type Handler, type StoredEvent, type WorkerContext } from "./handlers";
import { withEventSpan } from "./tracing";

/** Thrown when another attempt holds the message: the job retries later and finds it sent. */
export class MessageInFlightError extends Error {
  constructor(readonly outboundId: string) {
    super(`outbound e-mail ${outboundId} is being sent by another attempt`);
    this.name = "MessageInFlightError";
  }
}

export type RunOutcome = "done" | "already_done" | "event_missing";

/** Which queue job, and which try of it, is running the handler. */
export interface Attempt {
  jobId: string;
  /** 0 for the first try. */
  number: number;
}

/** Longest a handler's transaction may stay open. */
const TRANSACTION_TIMEOUT_MS = 30_000;

export async function loadEvent(db: PrismaClient, eventId: string): Promise<StoredEvent | null> {
  return db.domainEvent.findUnique({
    where: { id: eventId },
    select: {
      id: true,
      name: true,
      payload: true,
      actorId: true,
      requestId: true,
      traceparent: true,
      tracestate: true,
      createdAt: true,
    },
  });
}

/**
 * The logger for work on `event`: every line names the event and the
 * request that raised it. Inside a job's log scope the scope itself is
 * bound, so the job's own lines (its failure) carry them too.
 */
export function eventLogger(
  log: Logger,
  event: StoredEvent,
  bindings: Record<string, unknown> = {},
): Logger {
  const all = { eventId: event.id, event: event.name, requestId: event.requestId, ...bindings };
  return bindLogScope(all) ?? log.child(all);
}

/**
 * Runs one handler for one event, at most once in effect: the completion
 * record (event, handler) is written with the effects, and a run that finds
 * it does nothing. Two runs at the same time serialise on that record's key.
 */
export async function runHandler(
  handler: Handler,
  eventId: string,
  ctx: WorkerContext,
  attempt: Attempt | null = null,
): Promise<RunOutcome> {
  const event = await loadEvent(ctx.db, eventId);
  if (!event) return "event_missing";
  const run = { ...ctx, log: eventLogger(ctx.log, event, { handler: handler.name }) };
  return withEventSpan(
    `handle ${handler.name}`,
    event,
    { "handler.name": handler.name },
    async () => {
      if (event.name !== handler.event) {
        throw new Error(`handler ${handler.name} handles ${handler.event}, not ${event.name}`);
      }
      const outcome =
        handler.kind === "transaction"
          ? await runInTransaction(handler, event, run)
          : await runEmail(handler, event, run, attempt);
      // From the event's commit (the database's clock) to now (this host's).
      if (outcome === "done")
        ctx.metrics?.eventHandled(handler.name, (Date.now() - event.createdAt.getTime()) / 1000);
      return outcome;
    },
  );
}

async function runInTransaction(
  handler: Extract<Handler, { kind: "transaction" }>,
  event: StoredEvent,
  ctx: WorkerContext,
): Promise<RunOutcome> {
  return ctx.db.$transaction(
    async (tx) => {
      // Inserted first: a concurrent run of the same pair waits on this key,
      // then finds it taken and does nothing.
      const claimed = await tx.$queryRaw<{ event_id: string }[]>`
        INSERT INTO event_handler_runs (event_id, handler) VALUES (${event.id}::uuid, ${handler.name})
        ON CONFLICT DO NOTHING RETURNING event_id`;
      if (claimed.length === 0) return "already_done" as const;
      await handler.apply(tx, event, ctx);
      return "done" as const;
    },
    { timeout: TRANSACTION_TIMEOUT_MS },
  );
}

async function isCompleted(db: PrismaClient, eventId: string, handler: string): Promise<boolean> {
  const run = await db.eventHandlerRun.findUnique({
    where: { eventId_handler: { eventId, handler } },
    select: { eventId: true },
  });
  return run !== null;
}

/**
 * E-mail, at least once and deduplicated:
 *   1. record one outbound row per recipient (unique per event, handler and
 *      address) and commit;
 *   2. per row not yet sent: claim it for a lease, compose (committed),
 *      send, mark it sent;
 *   3. record the handler as complete.
 * A retry repeats only what is unfinished. The window left (at least once,
 * not exactly once): the server accepted a message but the worker died, or
 * lost its database, before marking it sent; the next try sends it again.
 */
async function runEmail(
  handler: Extract<Handler, { kind: "email" }>,
  event: StoredEvent,
  ctx: WorkerContext,
  attempt: Attempt | null,
): Promise<RunOutcome> {
  if (await isCompleted(ctx.db, event.id, handler.name)) return "already_done";
  await ctx.db.$transaction(
    async (tx) => {
      const recipients = await handler.recipients(tx, event, ctx);
      if (recipients.length === 0) return;
      await tx.outboundEmail.createMany({
        data: recipients.map((r) => ({
          eventId: event.id,
          template: handler.name,
          recipient: r.email,
          userId: r.userId,
        })),
        skipDuplicates: true,
      });
    },
    { timeout: TRANSACTION_TIMEOUT_MS },
  );
  const pending = await ctx.db.outboundEmail.findMany({
    where: { eventId: event.id, template: handler.name, sentAt: null, skippedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, recipient: true, userId: true },
  });
  for (const row of pending) await deliver(handler, event, row, ctx, attempt);
  await ctx.db.eventHandlerRun.createMany({
    data: [{ eventId: event.id, handler: handler.name }],
    skipDuplicates: true,
  });
  return "done";
}

async function deliver(
  handler: Extract<Handler, { kind: "email" }>,
  event: StoredEvent,
  row: { id: string; recipient: string; userId: string | null },
  ctx: WorkerContext,
  attempt: Attempt | null,
): Promise<void> {
  if (ctx.sending.has(row.id)) throw new MessageInFlightError(row.id);
  // Free, or its lease ran out, or held by an earlier try of this same job:
  // the queue gave up on that try (its worker died, stopped or timed out),
  // so waiting out its lease would only burn this job's retries.
  const [claim] = await ctx.db.$queryRaw<{ lease: string }[]>`
    UPDATE outbound_emails
       SET claimed_until = clock_timestamp() + ${ctx.mailLeaseSeconds} * interval '1 second', attempts = attempts + 1,
           claimed_job = ${attempt?.jobId ?? null}::uuid, claimed_attempt = ${attempt?.number ?? null}::int
     WHERE id = ${row.id}::uuid AND sent_at IS NULL AND skipped_at IS NULL
       AND (claimed_until IS NULL OR claimed_until < now()
            OR (claimed_job = ${attempt?.jobId ?? null}::uuid AND claimed_attempt < ${attempt?.number ?? null}::int))
    RETURNING claimed_until::text AS lease`;
  if (!claim) {
    const current = await ctx.db.outboundEmail.findUnique({
      where: { id: row.id },
      select: { sentAt: true, skippedAt: true },
    });
    if (current?.sentAt || current?.skippedAt) return;
    throw new MessageInFlightError(row.id);
  }
  ctx.sending.add(row.id);
  try {
    await sendClaimed(handler, event, row, ctx, claim.lease);
  } finally {
    ctx.sending.delete(row.id);
  }
}

async function sendClaimed(
  handler: Extract<Handler, { kind: "email" }>,
  event: StoredEvent,
  row: { id: string; recipient: string; userId: string | null },
  ctx: WorkerContext,
  lease: string,
): Promise<void> {
  const release = (error: unknown) =>
    ctx.db.outboundEmail.update({
      where: { id: row.id },
      data: {
        claimedUntil: null,
        lastError: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
      },
    });

  let message;
  try {
    message = await ctx.db.$transaction(
      (tx) => handler.compose(tx, event, { userId: row.userId, email: row.recipient }, ctx),
      { timeout: TRANSACTION_TIMEOUT_MS },
    );
  } catch (error) {
    await release(error);
    throw error;
  }
  if (!message) {
    await ctx.db.outboundEmail.update({
      where: { id: row.id },
      data: { skippedAt: new Date(), claimedUntil: null },
    });
    return;
  }
  await confirmLease(ctx, row.id, lease);
  let sent;
  try {
    sent = await ctx.mailer.send(message);
  } catch (error) {
    await release(error);
    throw error;
  }
  await ctx.db.outboundEmail.update({
    where: { id: row.id },
    data: { sentAt: new Date(), messageId: sent.messageId, claimedUntil: null, lastError: null },
  });
  ctx.log.info(
    { event: event.name, eventId: event.id, handler: handler.name, outboundId: row.id },
    "mail sent",
  );
}

/**
 * Right before the send: is the message still this attempt's? A slow
 * attempt (composing under load) can outlive its job's time-out; the
 * queue's retry then takes the message over, and both would send it. The
 * lease value is the claim's token (each claim writes a new one), so an
 * attempt whose claim was taken sees a different value and backs off. The
 * lease is renewed for the send itself.
 */
async function confirmLease(ctx: WorkerContext, outboundId: string, lease: string): Promise<void> {
  const held = await ctx.db.$executeRaw`
    UPDATE outbound_emails
       SET claimed_until = clock_timestamp() + ${ctx.mailLeaseSeconds} * interval '1 second'
     WHERE id = ${outboundId}::uuid AND sent_at IS NULL AND claimed_until = ${lease}::timestamptz`;
  if (held === 0) throw new MessageInFlightError(outboundId);
}
