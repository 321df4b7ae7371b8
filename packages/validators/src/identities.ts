import { z } from "zod";

import { ZDeviceLabelSchema } from "./auth";
import { ZTextSchema } from "./primitives";

/** The external identity providers an installation can turn on (each by its own variables). */
export const IDENTITY_PROVIDERS = ["github", "google", "entra", "oidc"] as const;
export const ZIdentityProviderSchema = z.enum(IDENTITY_PROVIDERS);
export type IdentityProvider = z.infer<typeof ZIdentityProviderSchema>;

/**
 * A PKCE code verifier (RFC 7636, 4.1): 43 to 128 characters of
 * `[A-Za-z0-9-._~]`. Its S256 challenge is 43 base64url characters.
 */
export const ZCodeVerifierSchema = z
  .string()
  .regex(/^[A-Za-z0-9\-._~]{43,128}$/, "must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~");
export const ZCodeChallengeSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, "must be the base64url SHA-256 of the code verifier (S256)");

/** Where a phone or script wants the one-time code delivered; checked against the allow-list. */
export const ZRedirectUriSchema = ZTextSchema.min(1).max(2000);

/** The one-time code an external sign-in ended with, and the proof it is the caller's. */
export const ZOAuthCodeInputSchema = z.object({
  code: ZTextSchema.min(1).max(200),
  codeVerifier: ZCodeVerifierSchema,
  redirectUri: ZRedirectUriSchema,
});
export type OAuthCodeInput = z.infer<typeof ZOAuthCodeInputSchema>;

/** auth.oauth.exchange: the code for this app's tokens (or a second-factor challenge). */
export const ZOAuthExchangeInputSchema = ZOAuthCodeInputSchema.extend({
  deviceLabel: ZDeviceLabelSchema.optional(),
});
export type OAuthExchangeInput = z.infer<typeof ZOAuthExchangeInputSchema>;
