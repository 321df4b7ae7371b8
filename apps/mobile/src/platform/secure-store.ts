import { randomUUID } from "expo-crypto";
import * as SecureStore from "expo-secure-store";

import { type SecureStorage } from "../data/token-storage";

/** The Keychain (iOS) or the Keystore-backed storage (Android); readable only while the phone is unlocked. */
export const deviceSecureStorage: SecureStorage = {
  getItemAsync: (key) => SecureStore.getItemAsync(key),
  setItemAsync: (key, value) =>
    SecureStore.setItemAsync(key, value, {
      keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY,
    }),
  deleteItemAsync: (key) => SecureStore.deleteItemAsync(key),
};

/** Idempotency keys: Hermes has no crypto.randomUUID, expo-crypto does. */
export const newIdempotencyKey: () => string = randomUUID;
