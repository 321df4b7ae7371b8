import { context, SpanKind } from "@opentelemetry/api";
import { suppressTracing } from "@opentelemetry/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TestApi } from "@fastnext/test-support";
import { startInMemoryTracing, type ReadableSpan } from "@fastnext/tracing/testing";

import { type InProcessWorker, type TestSmtp } from "./support";

// Tracing starts before anything it instruments (pg, http) is loaded: every
// module that loads them is imported below, after this line.
const tracing = await startInMemoryTracing("worker-test");
const { withScope } = await import("@fastnext/db");
const { emitEvent } = await import("@fastnext/events");
const { startApi } = await import("@fastnext/test-support");
const { quietLogger, startSmtp, startWorker } = await import("./support");

let api: TestApi;
let smtp: TestSmtp;
let worker: InProcessWorker;
const workerLog = quietLogger();

beforeAll(async () => {
  api = await startApi();
  smtp = await startSmtp();
  worker = await startWorker(api.db.systemUrl, smtp.port, { log: workerLog.logger });
});
afterAll(async () => {
  await worker.stop();
  await smtp.close();
  await api.close();
  await tracing.shutdown();
});

/**
 * The first span that matches, once one has ended. A queue job's span ends
 * after the handler's span inside it, so it can be exported a moment later.
 */
async function endedSpan(
  match: (span: ReadableSpan) => boolean,
): Promise<ReadableSpan | undefined> {
  await expect
    .poll(async () => (await tracing.spans()).some(match), { timeout: 10_000 })
    .toBe(true);
  return (await tracing.spans()).find(match);
}

/** Whether `ancestor` is `span` or above it, following parents within `spans`. */
function descendsFrom(span: ReadableSpan, ancestor: ReadableSpan, spans: ReadableSpan[]): boolean {
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  for (let at: ReadableSpan | undefined = span; at;) {
    if (at === ancestor) return true;
    const parent: string | undefined = at.parentSpanContext?.spanId;
    at = parent ? byId.get(parent) : undefined;
  }
  return false;
}

const isSql = (span: ReadableSpan) =>
  span.attributes["db.system"] === "postgresql" ||
  span.attributes["db.system.name"] === "postgresql";

function named(spans: ReadableSpan[], name: string): ReadableSpan {
  const found = spans.find((span) => span.name === name);
  if (!found) throw new Error(`no span ${name} among ${spans.map((s) => s.name).join(", ")}`);
  return found;
}

async function storedEvent(userId: string, name = "user.registered") {
  const { rows } = await api.sql.query<{
    id: string;
    request_id: string | null;
    traceparent: string | null;
    tracestate: string | null;
  }>(
    `SELECT id, request_id, traceparent, tracestate FROM domain_events
      WHERE name = $1 AND payload->>'userId' = $2 ORDER BY created_at`,
    [name, userId],
  );
  return rows;
}

describe("one trace from a request to its side effects", () => {
  it("holds the request, its procedure and statements, the worker's handler and its e-mail", async () => {
    const email = `tracy-${Date.now()}@example.com`;
    const { user } = await api
      .client()
      .auth.register.mutate({ email, name: "Tracy", password: "correct horse battery" });
    await expect.poll(() => smtp.to(email).length, { timeout: 15_000 }).toBe(1);
    // The handler's span ends once the message is marked sent, after the server took it.
    await expect
      .poll(async () => (await tracing.spans()).some((s) => s.name === "handle mail.welcome"), {
        timeout: 10_000,
      })
      .toBe(true);

    const procedure = named(await tracing.spans(), "auth.register");
    expect(procedure.attributes).toMatchObject({
      "rpc.system": "trpc",
      "rpc.method": "auth.register",
      "trpc.type": "mutation",
      "trpc.code": "OK",
    });
    const traceId = procedure.spanContext().traceId;
    const spans = await tracing.trace(traceId);

    // The incoming HTTP request is the trace's root, and the procedure runs under it.
    const roots = spans.filter((s) => !s.parentSpanContext);
    expect(roots).toHaveLength(1);
    expect(roots[0]?.kind).toBe(SpanKind.SERVER);
    expect(descendsFrom(procedure, roots[0]!, spans)).toBe(true);

    // The procedure's statements, the event's insert among them.
    const statements = spans.filter((s) => isSql(s) && descendsFrom(s, procedure, spans));
    expect(statements.length).toBeGreaterThan(2);
    expect(
      statements.some((s) =>
        /INSERT INTO domain_events/.test(
          String(s.attributes["db.statement"] ?? s.attributes["db.query.text"]),
        ),
      ),
    ).toBe(true);

    // The stored context is the procedure's: the worker's spans continue it.
    const [event] = await storedEvent(user.id);
    expect(event?.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    const dispatch = named(spans, "dispatch user.registered");
    const handle = named(spans, "handle mail.welcome");
    const send = named(spans, "smtp send");
    for (const span of [dispatch, handle]) {
      expect(span.kind).toBe(SpanKind.CONSUMER);
      expect(descendsFrom(span, procedure, spans)).toBe(true);
      expect(span.attributes["event.id"]).toBe(event?.id);
    }
    expect(send.kind).toBe(SpanKind.CLIENT);
    expect(descendsFrom(send, handle, spans)).toBe(true);
    expect(spans.some((s) => isSql(s) && descendsFrom(s, handle, spans))).toBe(true);

    // Each links to the span of the queue job it ran in, a trace of its own.
    for (const [span, queue] of [
      [dispatch, "events.dispatch"],
      [handle, "events.handle"],
    ] as const) {
      expect(span.links).toHaveLength(1);
      const job = await endedSpan((s) => s.spanContext().spanId === span.links[0]?.context.spanId);
      expect(job?.name).toBe(`job ${queue}`);
      expect(job?.spanContext().traceId).not.toBe(traceId);
    }

    // No statement's values reached a span: the address is in none of them.
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toContain(email);
  });

  it("logs the worker's lines for the job with the originating request id and the trace", async () => {
    const email = `logan-${Date.now()}@example.com`;
    const { user } = await api
      .client()
      .auth.register.mutate({ email, name: "Logan", password: "correct horse battery" });
    await expect.poll(() => smtp.to(email).length, { timeout: 15_000 }).toBe(1);
    const [event] = await storedEvent(user.id);
    expect(event?.request_id).toEqual(expect.any(String));

    const request = api.logs.lines.find(
      (line) =>
        line.msg === "procedure ok" &&
        line.path === "auth.register" &&
        line.requestId === event?.request_id,
    );
    expect(request).toMatchObject({ trace_id: expect.stringMatching(/^[0-9a-f]{32}$/) });

    await expect
      .poll(() => workerLog.lines.find((l) => l.msg === "mail sent" && l.eventId === event?.id), {
        timeout: 10_000,
      })
      .toMatchObject({
        requestId: event?.request_id,
        handler: "mail.welcome",
        queue: "events.handle",
        jobId: expect.any(String),
        trace_id: request?.trace_id,
        span_id: expect.stringMatching(/^[0-9a-f]{16}$/),
      });
  });

  it("starts a handler's span under its job when the event was raised with no trace", async () => {
    const email = `quiet-${Date.now()}@example.com`;
    const { user } = await api
      .client()
      .auth.register.mutate({ email, name: "Quiet", password: "correct horse battery" });
    await expect.poll(() => smtp.to(email).length, { timeout: 15_000 }).toBe(1);
    // Raised where nothing is traced (as by a process with tracing off): nothing to continue.
    await context.with(suppressTracing(context.active()), () =>
      withScope(api.deps.pool, { userId: user.id, permissions: [] }, (tx) =>
        emitEvent(tx, "user.registered", { userId: user.id }),
      ),
    );
    await expect.poll(() => smtp.to(email).length, { timeout: 15_000 }).toBe(2);
    const [, second] = await storedEvent(user.id);
    expect(second).toMatchObject({ traceparent: null, tracestate: null });

    await expect
      .poll(
        async () =>
          (await tracing.spans()).some(
            (s) => s.name === "handle mail.welcome" && s.attributes["event.id"] === second?.id,
          ),
        { timeout: 10_000 },
      )
      .toBe(true);
    const all = await tracing.spans();
    const handle = all.find(
      (s) => s.name === "handle mail.welcome" && s.attributes["event.id"] === second?.id,
    )!;
    const job = await endedSpan((s) => s.spanContext().spanId === handle.parentSpanContext?.spanId);
    expect(job?.name).toBe("job events.handle");
    expect(handle.links).toEqual([]);
  });
});
