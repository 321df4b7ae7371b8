/**
 * Access tokens already verified under one configuration, so a client that
 * sends the same token on every call pays for the signature check once.
 * What verification decides about a token never changes while it lives,
 * except expiry: an entry is only answered while its `exp` has not passed
 * (with the same clock tolerance verification applies), then dropped.
 * Revocation is not verification's business: the session is checked in the
 * database on every request, cached or not. Nor is key removal a change
 * while a token lives: the key set belongs to the configuration, and a
 * set without the key is a new configuration (a restart) with a cache of
 * its own, empty.
 */
export interface VerifiedClaims {
  userId: string;
  sessionId: string;
  /** The token's `exp`, in seconds since the epoch. */
  expiresAtSeconds: number;
}

/** Enough for every live token of a busy instance; a bound so a flood of valid tokens cannot grow memory. */
const MAX_ENTRIES = 10_000;

export class VerifiedTokenCache {
  readonly #entries = new Map<string, VerifiedClaims>();

  /** The claims of `token` if it verified before and is still unexpired at `nowSeconds`. */
  get(token: string, nowSeconds: number, toleranceSeconds: number): VerifiedClaims | null {
    const claims = this.#entries.get(token);
    if (!claims) return null;
    // jose's own rule: expired once exp <= now - tolerance.
    if (claims.expiresAtSeconds <= nowSeconds - toleranceSeconds) {
      this.#entries.delete(token);
      return null;
    }
    return claims;
  }

  set(token: string, claims: VerifiedClaims): void {
    if (this.#entries.size >= MAX_ENTRIES) {
      // Maps keep insertion order: the first key is the oldest entry.
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(token, claims);
  }

  get size(): number {
    return this.#entries.size;
  }
}
