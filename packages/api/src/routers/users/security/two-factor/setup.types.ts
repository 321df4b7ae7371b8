import { z } from "zod";

export const ZUsersSecurityTwoFactorSetupOutputSchema = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
});
