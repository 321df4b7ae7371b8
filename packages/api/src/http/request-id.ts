import { randomUUID } from "node:crypto";

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/** Trust a caller's request id only if it is short and plain; else make one. */
export function resolveRequestId(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && acceptable.test(given) ? given : randomUUID();
}
