import { type ResolveSession } from "@fastnext/core";
import { type Logger } from "@fastnext/logger";
import { type ApiMetrics } from "@fastnext/metrics";

import { type ApiDeps } from "../deps";

/** What every procedure knows about the request it serves. */
export interface RequestMeta {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

export interface Context extends RequestMeta {
  logger: Logger;
  headers: Headers;
  deps: ApiDeps;
  resolveSession: ResolveSession | null;
  /** The process's metrics; null or absent: calls are not recorded. */
  metrics?: ApiMetrics | null;
  /** Sent by tRPC's subscription link, whose EventSource cannot set headers (e.g. `{ token }`). */
  connectionParams?: Readonly<Record<string, string | undefined>> | null;
  /**
   * The `Idempotency-Key` header of a REST call (one call per request), read
   * by `idempotent`. tRPC clients send the key as an input field instead.
   */
  idempotencyKey?: string | null;
}

export type CreateContextOptions = Context;

/** Returned as given (not copied), so a lazy `deps` getter stays lazy. */
export function createContext(options: CreateContextOptions): Context {
  return options;
}
