"use client";

import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import {
  createTRPCClient,
  httpBatchStreamLink,
  httpSubscriptionLink,
  splitLink,
} from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";

import { type AppRouter } from "@fastnext/api";

import "./zod-in-the-browser";

import { describeApiError } from "./errors";
import { makeQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** Same origin: the browser sends the next-auth session cookie with every call. */
const ENDPOINT = "/api/trpc";

let browserQueryClient: QueryClient | undefined;

/**
 * The browser keeps one client for the page's life (a new one on every
 * render would drop the cache when React suspends). During server rendering
 * of client components a fresh one is made per request, so no user's data
 * is shared with another's.
 */
function getQueryClient(onSessionEnded: () => void): QueryClient {
  if (typeof window === "undefined") return makeQueryClient();
  if (!browserQueryClient) {
    browserQueryClient = makeQueryClient({
      // A call refused as UNAUTHORIZED means the session was ended elsewhere
      // (signed out on another device, deactivated by an administrator).
      onError: (error) => {
        if (describeApiError(error).code === "UNAUTHORIZED") onSessionEnded();
      },
    });
  }
  return browserQueryClient;
}

function endedSession(): void {
  const next = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/sign-in?reason=session_ended&callbackUrl=${encodeURIComponent(next)}`);
}

function createClient() {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        // Server-sent events over a plain GET: the cookie authenticates it
        // like any other call, and the browser reconnects by itself.
        true: httpSubscriptionLink({ url: ENDPOINT, transformer: superjson }),
        // Calls made together go in one request; each answer is streamed
        // back as soon as it is ready rather than waiting for the slowest.
        false: httpBatchStreamLink({ url: ENDPOINT, transformer: superjson }),
      }),
    ],
  });
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient(endedSession);
  const [trpcClient] = useState(createClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
