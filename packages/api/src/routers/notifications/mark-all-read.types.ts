import { z } from "zod";

export const ZNotificationsMarkAllReadOutputSchema = z.object({ updated: z.number().int().min(0) });
