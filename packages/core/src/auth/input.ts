import { z } from "zod";

import { ZSecondFactorCodeSchema, ZTextSchema } from "@fastnext/validators";

/** The second step of a sign-in: the challenge from auth.login and a code. */
export const ZVerifyTwoFactorInputSchema = z.object({
  challengeToken: ZTextSchema.min(20).max(2000),
  code: ZSecondFactorCodeSchema,
});

export type VerifyTwoFactorInput = z.infer<typeof ZVerifyTwoFactorInputSchema>;
