import { z } from "zod";

export const ZAuthChangePasswordOutputSchema = z.object({ revokedSessions: z.number().int() });
