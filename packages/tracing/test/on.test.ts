import { createRequire } from "node:module";

import { trace } from "@opentelemetry/api";
import { afterAll, describe, expect, it } from "vitest";

import { tracingEnabled } from "../src/index";
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
});
