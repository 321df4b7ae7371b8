import { z } from "zod";

export const ZNotificationsMarkReadInputSchema = z.object({
  ids: z.array(z.uuid()).min(1).max(100),
});

export const ZNotificationsMarkReadOutputSchema = z.object({ updated: z.number().int().min(0) });
