import { Writable } from "node:stream";

import { createLoggerTo, type Logger } from "@fastnext/logger";

/** The product's logger (its mixin included), writing parsed lines to an array. */
export function capturedLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logger: createLoggerTo(stream, "info"), lines };
}

/** Whether a module file of one of these packages was loaded (the SDK's are CommonJS). */
export function loadedPackages(cache: Record<string, unknown>, names: readonly string[]): string[] {
  return names.filter((name) => Object.keys(cache).some((file) => file.includes(`/${name}/`)));
}

export const SDK_PACKAGES = [
  "@opentelemetry/sdk-node",
  "@opentelemetry/sdk-trace-base",
  "@opentelemetry/instrumentation",
  "@opentelemetry/instrumentation-http",
  "@opentelemetry/instrumentation-pg",
  "@prisma/instrumentation",
] as const;
