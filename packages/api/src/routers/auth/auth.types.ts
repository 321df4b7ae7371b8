import { z } from "zod";

import { ZUserViewSchema } from "@fastnext/core/users";
import { ZTextSchema } from "@fastnext/validators";

export const ZTokenPairSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int(),
});

/** Signed in: the tokens, the user, and whether the password is past the policy's maximum age. */
export const ZSignedInSchema = ZTokenPairSchema.extend({
  status: z.literal("signed_in"),
  user: ZUserViewSchema,
  passwordExpired: z.boolean(),
});

/** Password accepted, a second factor is due: complete it with auth.verifyTwoFactor. */
export const ZTwoFactorRequiredSchema = z.object({
  status: z.literal("two_factor_required"),
  challengeToken: z.string(),
  expiresIn: z.number().int(),
});

export const ZLoginOutputSchema = z.discriminatedUnion("status", [
  ZSignedInSchema,
  ZTwoFactorRequiredSchema,
]);

export const ZSessionViewSchema = z.object({
  id: z.uuid(),
  deviceLabel: z.string(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.date(),
  lastUsedAt: z.date(),
  expiresAt: z.date(),
  current: z.boolean(),
});

/** A refresh token, the proof that rotates (auth.refresh) or ends (auth.logout) its session. */
export const ZRefreshTokenInputSchema = z.object({
  refreshToken: ZTextSchema.min(20).max(200),
});
