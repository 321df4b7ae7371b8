import { z } from "zod";

export const ZAuthLogoutAllOutputSchema = z.object({ revokedSessions: z.number().int() });
