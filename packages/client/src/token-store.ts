/** The two tokens a signed-in client holds. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

type MaybePromise<T> = T | Promise<T>;

/**
 * Where a client keeps its tokens. The app implements it: secure storage on
 * a phone, memory in a script. Methods may be synchronous or asynchronous.
 */
export interface TokenStore {
  get(): MaybePromise<TokenPair | null>;
  set(tokens: TokenPair): MaybePromise<void>;
  clear(): MaybePromise<void>;
}

/** A store that keeps the tokens in memory, for scripts and tests. */
export function memoryTokenStore(initial: TokenPair | null = null): TokenStore {
  let current = initial ? { ...initial } : null;
  return {
    get: () => (current ? { ...current } : null),
    set: (tokens) => {
      current = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
    },
    clear: () => {
      current = null;
    },
  };
}
