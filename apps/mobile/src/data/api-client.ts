import { createFastnextClient, type FastnextClient, type TokenStore } from "@fastnext/client";

export interface MobileClientOptions {
  /** EXPO_PUBLIC_API_URL: the API server's origin, or the web app's `/api`. */
  baseUrl: string;
  tokens: TokenStore;
  onSessionExpired?: () => unknown;
  fetch?: typeof fetch;
  /** Makes idempotency keys (the platform's UUIDs; Hermes lacks crypto.randomUUID). */
  newKey?: () => string;
  /** Resends of a create that got no answer (the client's idempotency link). */
  retries?: number;
}

/** The tRPC endpoint under a base URL: both the API server and the web app serve it at `<base>/trpc`. */
export function trpcUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/trpc`;
}

/** The typed client the app's screens use: signed calls, single-flight refresh, idempotent creates. */
export function createMobileClient(options: MobileClientOptions): FastnextClient {
  return createFastnextClient({
    url: trpcUrl(options.baseUrl),
    tokens: options.tokens,
    onSessionExpired: options.onSessionExpired,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    idempotency: {
      ...(options.newKey ? { newKey: options.newKey } : {}),
      ...(options.retries === undefined ? {} : { retries: options.retries }),
    },
  });
}
