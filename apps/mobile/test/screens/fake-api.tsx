import { render } from "@testing-library/react-native";
import { createTRPCClient, TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { type ReactElement } from "react";

import { memoryTokenStore, type AppRouter, type TokenPair } from "@fastnext/client";

import { MobileSession } from "../../src/data/session";
import { SessionProvider } from "../../src/session/session-context";

/** What a fake procedure answers with; throw `apiError(...)` for an error answer. */
export type Handler = (input: unknown) => unknown;

export interface ErrorAnswer {
  code: string;
  message: string;
  reason?: string;
  fieldErrors?: Record<string, string[]>;
  details?: Record<string, unknown>;
}

/** An error as the API's formatter sends it (packages/api/src/trpc/init.ts). */
export function apiError(answer: ErrorAnswer): TRPCClientError<AppRouter> {
  return TRPCClientError.from<AppRouter>({
    error: {
      code: -32600,
      message: answer.message,
      data: {
        code: answer.code,
        httpStatus: 400,
        reason: answer.reason ?? null,
        details: answer.details ?? null,
        fieldErrors: answer.fieldErrors ?? null,
        formErrors: null,
      },
    },
  });
}

/**
 * A stand-in for the API server behind the real client type: each call is
 * answered by the handler of its path, and recorded. Screens get the same
 * FastnextClient they get on a phone, only the transport is replaced.
 */
export function fakeApi(handlers: Record<string, Handler>) {
  const calls: { path: string; input: unknown }[] = [];
  const link: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        calls.push({ path: op.path, input: op.input });
        const handler = handlers[op.path];
        Promise.resolve()
          .then(() => {
            if (!handler) throw new Error(`no fake for ${op.path}`);
            return handler(op.input);
          })
          .then(
            (data) => {
              observer.next({ result: { type: "data", data } });
              observer.complete();
            },
            (error: unknown) =>
              observer.error(
                error instanceof TRPCClientError
                  ? (error as TRPCClientError<AppRouter>)
                  : TRPCClientError.from<AppRouter>(
                      error instanceof Error ? error : new Error(String(error)),
                    ),
              ),
          );
      });
  const client = createTRPCClient<AppRouter>({ links: [link] });
  return { client, calls, callsTo: (path: string) => calls.filter((call) => call.path === path) };
}

/** A session over a fake API, with tokens in memory. */
export function fakeSession(handlers: Record<string, Handler>, stored: TokenPair | null = null) {
  const api = fakeApi(handlers);
  const tokens = memoryTokenStore(stored);
  const session = new MobileSession({ tokens, connect: () => api.client });
  return { ...api, tokens, session };
}

export function renderWithSession(session: MobileSession, screen: ReactElement) {
  return render(<SessionProvider session={session}>{screen}</SessionProvider>);
}

export const TOKENS: TokenPair = {
  accessToken: "access-token-for-tests",
  refreshToken: "refresh-token-for-tests-0123456789",
};
