import { signOut, type FastnextClient, type TokenStore } from "@fastnext/client";

export type SessionStatus = "restoring" | "signed_in" | "signed_out";

export interface MobileSessionOptions {
  tokens: TokenStore;
  /** Builds the client; `onSessionExpired` is the session's, for the client's refresh logic. */
  connect: (onSessionExpired: () => void) => FastnextClient;
}

/**
 * The phone's one signed-in (or signed-out) state: the client, its token
 * store, and everything kept for the signed-in person (caches, unsent
 * changes), which sign-out and an expired session both forget.
 */
export class MobileSession {
  readonly client: FastnextClient;
  readonly tokens: TokenStore;
  private current: SessionStatus = "restoring";
  private readonly listeners = new Set<() => void>();
  private readonly forgetters = new Set<() => unknown>();

  constructor(options: MobileSessionOptions) {
    this.tokens = options.tokens;
    this.client = options.connect(() => {
      void this.forget();
    });
  }

  get status(): SessionStatus {
    return this.current;
  }

  /** At start-up: signed in when the store still holds tokens (the client refreshes them as needed). */
  async restore(): Promise<SessionStatus> {
    const stored = await this.tokens.get();
    this.set(stored ? "signed_in" : "signed_out");
    return this.current;
  }

  /** After a sign-in step stored the tokens. */
  signedIn(): void {
    this.set("signed_in");
  }

  /**
   * Ends the session on the server when it can be reached, and forgets
   * everything on the phone either way: a phone offline at sign-out must
   * not keep the tokens or the cached data.
   */
  async signOut(): Promise<{ reachedServer: boolean }> {
    let reachedServer = true;
    try {
      await signOut(this.client, this.tokens);
    } catch {
      reachedServer = false;
    }
    await this.forget();
    return { reachedServer };
  }

  /** Registers something to drop at sign-out (a query cache, the unsent changes); returns its removal. */
  onForget(forget: () => unknown): () => void {
    this.forgetters.add(forget);
    return () => this.forgetters.delete(forget);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async forget(): Promise<void> {
    await this.tokens.clear();
    for (const forget of this.forgetters) await forget();
    this.set("signed_out");
  }

  private set(status: SessionStatus): void {
    if (this.current === status) return;
    this.current = status;
    for (const listener of this.listeners) listener();
  }
}
