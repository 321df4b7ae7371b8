import { z } from "zod";

export const ZUsersSecurityTwoFactorDisableOutputSchema = z.object({ ok: z.literal(true) });
