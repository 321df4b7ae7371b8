import { createRequire } from "node:module";

import { SpanStatusCode, trace } from "@opentelemetry/api";
import { afterAll, describe, expect, it } from "vitest";

import { inSpan, tracingEnabled } from "../src/index";
import { startInMemoryTracing } from "../src/testing";
import { capturedLogger, loadedPackages, SDK_PACKAGES } from "./lines";

const require = createRequire(import.meta.url);
const tracing = await startInMemoryTracing("tracing-test");
afterAll(() => tracing.shutdown());

describe("tracing on", () => {
  it("has loaded the SDK (the check the off test relies on can see it)", () => {
    expect(tracingEnabled()).toBe(true);
    expect(loadedPackages(require.cache, SDK_PACKAGES)).toContain("@opentelemetry/sdk-node");
  });

  it("puts the active span's trace and span id on every log line, and none outside a span", async () => {
    const { logger, lines } = capturedLogger();
    const ids = trace.getTracer("test").startActiveSpan("work", (span) => {
      logger.info("inside");
      span.end();
      return span.spanContext();
    });
    logger.info("outside");
    expect(lines[0]).toMatchObject({
      msg: "inside",
      trace_id: ids.traceId,
      span_id: ids.spanId,
      trace_flags: "01",
    });
    expect(lines[1]).toMatchObject({ msg: "outside" });
    expect(lines[1]).not.toHaveProperty("trace_id");
    expect((await tracing.trace(ids.traceId)).map((span) => span.name)).toEqual(["work"]);
  });

  it("inSpan ends the span with the work's result, and records a failure before throwing it on", async () => {
    const tracer = trace.getTracer("test");
    const ok = await tracer.startActiveSpan("succeeds", (span) =>
      inSpan(span, () => Promise.resolve({ traceId: span.spanContext().traceId, answer: 42 })),
    );
    expect(ok.answer).toBe(42);
    const failure = new Error("refused");
    let failedTrace = "";
    await expect(
      tracer.startActiveSpan("fails", (span) => {
        failedTrace = span.spanContext().traceId;
        return inSpan(span, () => Promise.reject(failure));
      }),
    ).rejects.toBe(failure);

    const [succeeded] = await tracing.trace(ok.traceId);
    expect(succeeded).toMatchObject({ name: "succeeds", status: { code: SpanStatusCode.UNSET } });
    expect(succeeded?.events).toEqual([]);
    const [failed] = await tracing.trace(failedTrace);
    expect(failed).toMatchObject({ name: "fails", status: { code: SpanStatusCode.ERROR } });
    expect(
      failed?.events.map((event) => [event.name, event.attributes?.["exception.message"]]),
    ).toEqual([["exception", "refused"]]);
  });
});
