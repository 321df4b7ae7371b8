import { createRequire } from "node:module";

import { trace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";

import { EnvError } from "@fastnext/config";

import { readTracingEnv, startTracing, tracingEnabled } from "../src/index";
import { capturedLogger, loadedPackages, SDK_PACKAGES } from "./lines";

const require = createRequire(import.meta.url);

describe("tracing off", () => {
  it("stays off without an exporter endpoint, and says why", async () => {
    expect(await startTracing({ serviceName: "test" }, readTracingEnv({}))).toEqual({
      enabled: false,
      offReason: "no OTEL_EXPORTER_OTLP_ENDPOINT",
      serviceName: null,
    });
  });

  it("stays off when disabled or with no trace exporter, whatever the endpoint", async () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318" };
    const disabled = readTracingEnv({ ...endpoint, OTEL_SDK_DISABLED: "TRUE" });
    expect((await startTracing({ serviceName: "test" }, disabled)).offReason).toBe(
      "OTEL_SDK_DISABLED is true",
    );
    const none = readTracingEnv({ ...endpoint, OTEL_TRACES_EXPORTER: "none" });
    expect((await startTracing({ serviceName: "test" }, none)).offReason).toBe(
      "OTEL_TRACES_EXPORTER is none",
    );
  });

  it("refuses a malformed endpoint by name", () => {
    expect(() => readTracingEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "not a url" })).toThrow(EnvError);
    expect(() => readTracingEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "not a url" })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
  });

  it("loads none of the SDK", () => {
    expect(tracingEnabled()).toBe(false);
    expect(loadedPackages(require.cache, SDK_PACKAGES)).toEqual([]);
  });

  it("adds no trace fields to log lines, even inside a span of the no-op tracer", () => {
    const { logger, lines } = capturedLogger();
    trace.getTracer("test").startActiveSpan("noop", (span) => {
      logger.info("inside");
      span.end();
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toHaveProperty("trace_id");
    expect(lines[0]).not.toHaveProperty("span_id");
  });
});
