import "server-only";

import {
  dehydrate,
  HydrationBoundary,
  noop,
  type QueryExecuteOptions,
  type QueryKey,
} from "@tanstack/react-query";
import { TRPCError } from "@trpc/server";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { forbidden, notFound } from "next/navigation";
import { randomUUID } from "node:crypto";
import { cache, type ReactNode } from "react";
import { webEnv } from "~/env";
import { apiDeps } from "~/server/api-deps";
import { readSessionCookie } from "~/server/auth/cookie";

import {
  appRouter,
  createCaller,
  createContext,
  type Context,
  type RouterOutputs,
} from "@fastnext/api";
import { createLogger } from "@fastnext/logger";
import { type Permission } from "@fastnext/validators";

import { makeQueryClient } from "./query-client";
import { serverQueryRetryable } from "./server-retry";

/*
 * Server components call the API IN-PROCESS, not over HTTP to our own origin:
 * the router, its middlewares (`observe`, `authed` with its RLS-scoped
 * transaction, permission checks) and the session resolution are exactly the
 * ones /api/trpc runs — `resolveSession` is the same cookie reader — but
 * without a loopback request, a second JSON round trip, or knowing which
 * URL the server can reach itself on behind a proxy. What is skipped (CORS,
 * the body limit) only concerns requests arriving from outside.
 */

const log = createLogger("web", { module: "rsc" });

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The API context for this request, built once per render from its headers. */
const createRscContext = cache(async (): Promise<Context> => {
  const incoming = new Headers(await headers());
  const given = incoming.get("x-request-id");
  const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  const secret = webEnv().NEXTAUTH_SECRET;
  return createContext({
    requestId,
    logger: log.child({ requestId }),
    headers: incoming,
    ip: incoming.get("x-forwarded-for")?.split(",")[0]?.trim() ?? incoming.get("x-real-ip"),
    userAgent: incoming.get("user-agent"),
    get deps() {
      return apiDeps();
    },
    resolveSession: (requestHeaders) => readSessionCookie(requestHeaders, secret),
  });
});

/** One query client per request: never shared between users. */
export const getQueryClient = cache(() => makeQueryClient({ retryable: serverQueryRetryable }));

/** Query options for server components: `prefetch(trpc.x.queryOptions(input))`. */
export const trpc = createTRPCOptionsProxy({
  router: appRouter,
  ctx: createRscContext,
  queryClient: getQueryClient,
});

/** Direct calls, for what the server itself decides on (redirects, 403s). */
export const serverCaller = cache(async () => createCaller(await createRscContext()));

/**
 * Runs a query into this request's cache; `HydrateClient` sends it to the
 * browser. Awaited (several at once with Promise.all) so a failed query is
 * left out — the browser then asks again and shows the error — rather than
 * streamed in redacted.
 */
export async function prefetch<TQueryFnData, TError, TData, TQueryKey extends QueryKey>(
  options: QueryExecuteOptions<TQueryFnData, TError, TData, TQueryFnData, TQueryKey>,
): Promise<void> {
  await getQueryClient().query(options).then(noop, noop);
}

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

export type Viewer = RouterOutputs["users"]["me"];

/**
 * The signed-in caller with roles and permissions, or null when signed out
 * (or the session has ended). Cached per request: the layout and the page
 * share one call.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const caller = await serverCaller();
  try {
    const viewer = await caller.users.me();
    getQueryClient().setQueryData(trpc.users.me.queryKey(), viewer);
    return viewer;
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return null;
    throw error;
  }
});

/** Whether the signed-in caller holds `permission`; pages answer 403 when not. */
export async function viewerCan(permission: Permission): Promise<boolean> {
  const viewer = await getViewer();
  return viewer !== null && viewer.permissions.includes(permission);
}

/**
 * A page for holders of `permission` only: anyone else gets the 403 page,
 * with status 403. Call it in a layout, above the page's loading.tsx.
 */
export async function requirePermission(permission: Permission): Promise<void> {
  if (!(await viewerCan(permission))) forbidden();
}

/**
 * Prefetches a query the page cannot do without (the project, the
 * instance): a resource the caller may not see — NOT_FOUND, or an id that is
 * not even well-formed — renders the 404 page.
 */
export async function prefetchOrNotFound<TQueryFnData, TError, TData, TQueryKey extends QueryKey>(
  options: QueryExecuteOptions<TQueryFnData, TError, TData, TQueryFnData, TQueryKey>,
): Promise<TData> {
  try {
    return await getQueryClient().query(options);
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
}
