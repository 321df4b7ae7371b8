import { type Logger } from "@fastnext/logger";

/** What every procedure knows about the request it serves. */
export interface RequestMeta {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

export interface Context extends RequestMeta {
  logger: Logger;
  headers: Headers;
}

export interface CreateContextOptions extends RequestMeta {
  logger: Logger;
  headers: Headers;
}

export function createContext(options: CreateContextOptions): Context {
  return { ...options };
}
