import { withSessionScope, type ScopedDb } from "@fastnext/db";

import { type Principal } from "../access/principal";
import { type CoreDeps } from "../deps";
import { AppError } from "../errors";

/** A wake-up flag with one waiter: rings coalesce until the waiter takes them. */
export class Doorbell {
  private rung = false;
  private waiter: (() => void) | null = null;

  ring(): void {
    this.rung = true;
    this.waiter?.();
  }

  wait(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.rung || signal?.aborted) {
      this.rung = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        this.waiter = null;
        this.rung = false;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal?.addEventListener("abort", done, { once: true });
      this.waiter = done;
    });
  }
}

/**
 * How a live stream reads: each read in a short scoped transaction of its
 * own (the subscription's request transaction ended long ago) that first
 * re-checks the account and the session, so a stream ends with them.
 */
export function liveSessionReader(deps: CoreDeps, principal: Principal, requestId: string) {
  const scope = {
    userId: principal.userId,
    sessionId: principal.sessionId,
    permissions: [...principal.permissions],
    requestId,
  };
  return <T>(work: (tx: ScopedDb) => Promise<T>): Promise<T> =>
    withSessionScope(deps.pool, scope, async (tx, state) => {
      if (!state?.isActive || !state.sessionValid) {
        throw new AppError("UNAUTHENTICATED", "The session has ended", { reason: "session_ended" });
      }
      return work(tx);
    });
}
