import {
  TRPCClientError,
  type Operation,
  type OperationResultEnvelope,
  type TRPCLink,
} from "@trpc/client";
import { type AnyProcedure, type inferProcedureInput } from "@trpc/server";
import { observable, type Unsubscribable } from "@trpc/server/observable";

import type { AppRouter } from "@fastnext/api";

import { errorCode } from "./auth-link";

/** Paths of the mutations (in a router record) whose input takes an `idempotencyKey`. */
type KeyedMutationPaths<TRecord, TPrefix extends string = ""> = {
  [K in keyof TRecord & string]: TRecord[K] extends AnyProcedure
    ? TRecord[K]["_def"]["type"] extends "mutation"
      ? "idempotencyKey" extends keyof NonNullable<inferProcedureInput<TRecord[K]>>
        ? `${TPrefix}${K}`
        : never
      : never
    : KeyedMutationPaths<TRecord[K], `${TPrefix}${K}.`>;
}[keyof TRecord & string];

/** Every mutation of the API that answers a retry with its first answer. */
export type IdempotentMutationPath = KeyedMutationPaths<AppRouter["_def"]["record"]>;

/**
 * The same list at run time (types do not exist there). The compiler keeps
 * it complete: a procedure newly declared idempotent on the server is a
 * type error below until its path is added here.
 */
const PATHS = [
  "admin.users.create",
  "projects.create",
  "projects.invitations.create",
  "transfers.exports.create",
  "transfers.imports.create",
  "workflows.comments.create",
  "workflows.instances.create",
  "workflows.instances.transition",
  "workflows.templates.create",
  "workflows.types.create",
] as const satisfies readonly IdempotentMutationPath[];

/** Compiles only when `T` is empty: names the idempotent mutations missing from the list otherwise. */
type NoneUnlisted<T extends never> = T;
export type UnlistedIdempotentMutations = NoneUnlisted<
  Exclude<IdempotentMutationPath, (typeof PATHS)[number]>
>;

export const IDEMPOTENT_MUTATIONS: ReadonlySet<string> = new Set(PATHS);

export interface IdempotencyLinkOptions {
  /** Makes a fresh key; `crypto.randomUUID` by default (give one where the platform lacks it). */
  newKey?: () => string;
  /** How often a call that got no answer at all (network, server gone) is sent again; default 2. */
  retries?: number;
  /** Wait before the first resend, doubled for each further one (at most 5 s); default 300 ms. */
  retryDelayMs?: number;
}

const MAX_DELAY_MS = 5_000;

function withKey(op: Operation, newKey: () => string): Operation {
  const input: unknown = op.input;
  if (typeof input !== "object" || input === null || Array.isArray(input)) return op;
  if ("idempotencyKey" in input && input.idempotencyKey !== undefined) return op;
  return { ...op, input: { ...input, idempotencyKey: newKey() } };
}

/** No tRPC answer came back (the request or its answer was lost): the call may or may not have run. */
function unanswered(error: unknown): boolean {
  return error instanceof TRPCClientError && errorCode(error) === undefined;
}

/**
 * Makes the client's own retries safe. Each call of an idempotent mutation
 * gets a key of its own (unless the caller passed one), and every resend of
 * that call carries the same key: the refresh-and-retry of `authLink`, and
 * the resends of a call that got no answer, which this link makes. The
 * server then answers a resend of a change it already made with its first
 * answer instead of making it twice. Other calls pass through untouched and
 * are never resent.
 *
 * Place it first, before `authLink`.
 */
export function idempotencyLink(options: IdempotencyLinkOptions = {}): TRPCLink<AppRouter> {
  const newKey = options.newKey ?? (() => globalThis.crypto.randomUUID());
  const retries = options.retries ?? 2;
  const baseDelay = options.retryDelayMs ?? 300;
  return () =>
    ({ op, next }) => {
      if (op.type !== "mutation" || !IDEMPOTENT_MUTATIONS.has(op.path)) return next(op);
      const keyed = withKey(op, newKey);
      return observable<
        OperationResultEnvelope<unknown, TRPCClientError<AppRouter>>,
        TRPCClientError<AppRouter>
      >((observer) => {
        let current: Unsubscribable | undefined;
        let timer: ReturnType<typeof setTimeout> | undefined;
        let closed = false;
        const send = (attempt: number) => {
          current = next(keyed).subscribe({
            next: (envelope) => observer.next(envelope),
            complete: () => observer.complete(),
            error: (error) => {
              if (closed || attempt >= retries || !unanswered(error) || keyed.signal?.aborted) {
                observer.error(error);
                return;
              }
              const delay = Math.min(baseDelay * 2 ** attempt, MAX_DELAY_MS);
              timer = setTimeout(() => send(attempt + 1), delay);
            },
          });
        };
        send(0);
        return () => {
          closed = true;
          clearTimeout(timer);
          current?.unsubscribe();
        };
      });
    };
}
