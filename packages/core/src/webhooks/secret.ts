import { randomBytes } from "node:crypto";

import { decryptSecret, encryptSecret, type EncryptionKeyRing } from "@fastnext/auth";

/** A new signing secret: 32 random bytes, prefixed so it is recognisable where it leaks. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** Sealed bound to its endpoint: a value copied onto another endpoint does not open. */
function context(endpointId: string): string {
  return `webhook-endpoint:${endpointId}`;
}

export function sealWebhookSecret(
  secret: string,
  endpointId: string,
  keys: EncryptionKeyRing,
): string {
  return encryptSecret(secret, { context: context(endpointId), keys });
}

export function openWebhookSecret(
  sealed: string,
  endpointId: string,
  keys: EncryptionKeyRing,
): string {
  return decryptSecret(sealed, { context: context(endpointId), keys });
}
