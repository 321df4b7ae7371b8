import { createHash } from "node:crypto";

/**
 * The job id of one handler for one event, the same every time: a
 * dispatcher that runs twice enqueues nothing new (pg-boss skips an id it
 * already holds). Formatted as a UUID (version 8: custom, hash-based).
 */
export function handlerJobId(eventId: string, handler: string): string {
  return derivedUuid(eventId, handler);
}

/** A UUID that is a function of its parts: what a retried step creates again is the same row. */
export function derivedUuid(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
