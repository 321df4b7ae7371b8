import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  type HTTPBatchLinkOptions,
  type TRPCClient,
  type TRPCLink,
} from "@trpc/client";
import superjson from "superjson";

import type { AppRouter } from "@fastnext/api";

import { authLink, authorizationHeaders } from "./auth-link";
import { idempotencyLink, type IdempotencyLinkOptions } from "./idempotency";
import { type TokenStore } from "./token-store";

type HttpOptions = HTTPBatchLinkOptions<AppRouter["_def"]["_config"]["$types"]>;

export type FastnextClient = TRPCClient<AppRouter>;

export interface FastnextClientOptions {
  /** The tRPC endpoint, e.g. `https://app.example.com/api/trpc`. */
  url: string;
  /** Where the session's tokens live (secure storage on a phone, memory in a script). */
  tokens: TokenStore;
  /** Must match the server's; superjson by default. */
  transformer?: HttpOptions["transformer"];
  /** A `fetch` to use instead of the global one. */
  fetch?: HttpOptions["fetch"];
  /** Called once when the session can no longer be refreshed (the store is already cleared). */
  onSessionExpired?: () => unknown;
  /** Send calls made together in one HTTP request (default true). */
  batch?: boolean;
  /**
   * Idempotency keys and resends of creates that got no answer (see
   * `idempotencyLink`); on by default with 2 resends.
   */
  idempotency?: IdempotencyLinkOptions;
}

/**
 * A typed client of the API that signs calls, refreshes the session by
 * itself, and sends every create with an idempotency key so that resending
 * it never creates twice.
 */
export function createFastnextClient(options: FastnextClientOptions): FastnextClient {
  const transport = (signed: boolean): TRPCLink<AppRouter> => {
    const common = {
      url: options.url,
      transformer: options.transformer ?? superjson,
      fetch: options.fetch,
    };
    if (options.batch === false) {
      return httpLink<AppRouter>({
        ...common,
        headers: signed ? ({ op }) => authorizationHeaders([op]) : undefined,
      });
    }
    return httpBatchLink<AppRouter>({
      ...common,
      headers: signed ? ({ opList }) => authorizationHeaders(opList) : undefined,
    });
  };

  // Refreshes go out on their own client: unsigned, and never refreshed themselves.
  const unsigned = createTRPCClient<AppRouter>({ links: [transport(false)] });
  return createTRPCClient<AppRouter>({
    links: [
      idempotencyLink(options.idempotency),
      authLink({
        tokens: options.tokens,
        onSessionExpired: options.onSessionExpired,
        refresh: (refreshToken) => unsigned.auth.refresh.mutate({ refreshToken }),
      }),
      transport(true),
    ],
  });
}
