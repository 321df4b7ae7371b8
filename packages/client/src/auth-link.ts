import {
  TRPCClientError,
  type Operation,
  type OperationResultEnvelope,
  type TRPCLink,
} from "@trpc/client";
import { observable, type Unsubscribable } from "@trpc/server/observable";

import type { AppRouter } from "@fastnext/api";

import { type TokenPair, type TokenStore } from "./token-store";

/**
 * Calls that never trigger a refresh: they don't rely on the access token,
 * or they are the refresh. Retrying `auth.logout` after a rotation would even
 * replay a spent refresh token, which the server treats as theft.
 */
export const NO_REFRESH_PATHS: ReadonlySet<string> = new Set([
  "auth.login",
  "auth.register",
  "auth.refresh",
  "auth.logout",
  "auth.verifyTwoFactor",
  "auth.requestPasswordReset",
  "auth.resetPassword",
]);

export interface AuthLinkOptions {
  tokens: TokenStore;
  /** Exchanges a refresh token for a new pair (auth.refresh, sent without the auth link). */
  refresh: (refreshToken: string) => Promise<TokenPair>;
  /** Called once when the server refuses the refresh token; the store is already cleared. */
  onSessionExpired?: () => unknown;
}

type AppClientError = TRPCClientError<AppRouter>;

const ATTEMPT = "fastnext.authAttempt";
let attempts = 0;

/** One try of one operation: the token it was given, and the one its request really carried. */
class Attempt {
  readonly order = ++attempts;
  sent: string | null;

  constructor(readonly accessToken: string | null) {
    this.sent = accessToken;
  }
}

function attemptOf(op: Operation): Attempt | undefined {
  const attempt = op.context[ATTEMPT];
  return attempt instanceof Attempt ? attempt : undefined;
}

/**
 * The Authorization header for one HTTP request carrying `ops` (one, or a
 * batch). Give it to the HTTP link's `headers`. A batch gets the newest token
 * among its operations, and each operation learns which token it was sent
 * with, so a failure is only blamed on the token that was really used.
 */
export function authorizationHeaders(ops: readonly Operation[]): Record<string, string> {
  const batch = ops.map(attemptOf).filter((attempt) => attempt !== undefined);
  const newest = batch.reduce<Attempt | undefined>(
    (latest, attempt) => (latest && latest.order > attempt.order ? latest : attempt),
    undefined,
  );
  const token = newest?.accessToken ?? null;
  for (const attempt of batch) attempt.sent = token;
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** The tRPC error code (UNAUTHORIZED, BAD_REQUEST, ...) of a server error, if it is one. */
export function errorCode(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data: unknown = error.data;
  if (typeof data !== "object" || data === null || !("code" in data)) return undefined;
  return typeof data.code === "string" ? data.code : undefined;
}

/** The server refused the refresh token itself (revoked, reused, expired, malformed). */
function isRefusal(error: unknown): boolean {
  const code = errorCode(error);
  return code === "UNAUTHORIZED" || code === "BAD_REQUEST";
}

/** Refreshes in flight, per store: every client sharing a store shares one refresh. */
const inFlight = new WeakMap<TokenStore, Promise<boolean>>();

async function runRefresh(options: AuthLinkOptions, stale: TokenPair): Promise<boolean> {
  const { tokens } = options;
  let fresh: TokenPair;
  try {
    fresh = await options.refresh(stale.refreshToken);
  } catch (error) {
    // Network trouble, rate limits or a server fault say nothing about the
    // session: keep the tokens and let the caller see that error.
    if (!isRefusal(error)) throw error;
    const now = await tokens.get();
    if (now && now.refreshToken !== stale.refreshToken) return true; // signed in again meanwhile
    await tokens.clear();
    try {
      await options.onSessionExpired?.();
    } catch (callbackError) {
      // The app's own failure: report it, but still answer the calls.
      queueMicrotask(() => {
        throw callbackError;
      });
    }
    return false;
  }
  const now = await tokens.get();
  // Signed out (or in as someone else) while refreshing: leave the store alone.
  if (now?.refreshToken !== stale.refreshToken) return now !== null;
  await tokens.set({ accessToken: fresh.accessToken, refreshToken: fresh.refreshToken });
  return true;
}

/**
 * After an UNAUTHORIZED answer to a call sent with `sent`: true when the call
 * is worth retrying with the stored token, false when the session is gone.
 * At most one refresh runs at a time per store; later failures wait for it.
 */
async function renew(options: AuthLinkOptions, sent: string | null): Promise<boolean> {
  const { tokens } = options;
  const pending = inFlight.get(tokens);
  if (pending) return pending;
  const stored = await tokens.get();
  const started = inFlight.get(tokens);
  if (started) return started;
  if (!stored) return false;
  // Someone refreshed (or signed in) since this call went out: just retry.
  if (stored.accessToken !== sent) return true;
  const refresh = runRefresh(options, stored).finally(() => inFlight.delete(tokens));
  inFlight.set(tokens, refresh);
  return refresh;
}

function toClientError(cause: unknown): AppClientError {
  return TRPCClientError.from<AppRouter>(cause instanceof Error ? cause : new Error(String(cause)));
}

/**
 * Signs every call with the stored access token and, when a call comes back
 * UNAUTHORIZED, refreshes the session once (shared by concurrent failures)
 * and retries the call once with the new token. If the server refuses the
 * refresh token, the store is cleared, `onSessionExpired` runs and the call
 * fails with its original UNAUTHORIZED error.
 *
 * Place it before an HTTP link whose `headers` use `authorizationHeaders`.
 */
export function authLink(options: AuthLinkOptions): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      observable<OperationResultEnvelope<unknown, AppClientError>, AppClientError>((observer) => {
        let current: Unsubscribable | undefined;
        let closed = false;

        const send = async (isRetry: boolean): Promise<void> => {
          const stored = await options.tokens.get();
          if (closed) return;
          const attempt = new Attempt(stored?.accessToken ?? null);
          let answered = false;
          current = next({ ...op, context: { ...op.context, [ATTEMPT]: attempt } }).subscribe({
            next(envelope) {
              answered = true;
              observer.next(envelope);
            },
            complete() {
              observer.complete();
            },
            error(error) {
              const refreshable =
                !isRetry &&
                !answered &&
                !NO_REFRESH_PATHS.has(op.path) &&
                errorCode(error) === "UNAUTHORIZED";
              if (!refreshable) {
                observer.error(error);
                return;
              }
              renew(options, attempt.sent)
                .then(async (retry) => {
                  if (closed) return;
                  if (retry) await send(true);
                  else observer.error(error);
                })
                .catch((cause: unknown) => observer.error(toClientError(cause)));
            },
          });
        };

        send(false).catch((cause: unknown) => observer.error(toClientError(cause)));
        return () => {
          closed = true;
          current?.unsubscribe();
        };
      });
}
