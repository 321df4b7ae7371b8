import { z } from "zod";

import { type TokenPair, type TokenStore } from "@fastnext/client";

/**
 * The little a token store needs from the device's key-value storage. On a
 * phone it is expo-secure-store (the Keychain, the Android Keystore); tests
 * use the client's memory store instead and never touch this.
 */
export interface SecureStorage {
  getItemAsync(key: string): Promise<string | null>;
  setItemAsync(key: string, value: string): Promise<void>;
  deleteItemAsync(key: string): Promise<void>;
}

const SESSION_KEY = "fastnext.session";

const ZStoredTokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
});

/**
 * The client's TokenStore over secure storage. What is read back is
 * checked: an entry written by an older build, or damaged, counts as
 * signed out and is removed rather than sent to the server.
 */
export function secureTokenStore(storage: SecureStorage): TokenStore {
  return {
    async get(): Promise<TokenPair | null> {
      const text = await storage.getItemAsync(SESSION_KEY);
      if (text === null) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
      const result = ZStoredTokensSchema.safeParse(parsed);
      if (result.success) return result.data;
      await storage.deleteItemAsync(SESSION_KEY);
      return null;
    },
    set: (tokens) =>
      storage.setItemAsync(
        SESSION_KEY,
        JSON.stringify({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }),
      ),
    clear: () => storage.deleteItemAsync(SESSION_KEY),
  };
}
