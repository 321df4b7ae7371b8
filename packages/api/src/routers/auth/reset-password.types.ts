import { z } from "zod";

import { ZPasswordSchema, ZTextSchema } from "@fastnext/validators";

export const ZAuthResetPasswordInputSchema = z.object({
  /** The secret from the e-mailed link (43 base64url characters). */
  token: ZTextSchema.trim().min(20).max(200),
  /** Checked again against the operator's password policy by the service. */
  password: ZPasswordSchema,
});

export const ZAuthResetPasswordOutputSchema = z.object({
  ok: z.literal(true),
  revokedSessions: z.number().int(),
});
