import { z } from "zod";

export const ZUsersSecurityTwoFactorConfirmOutputSchema = z.object({
  backupCodes: z.array(z.string()),
});
