import { z } from "zod";

export const ZNotificationsUnreadCountOutputSchema = z.object({ count: z.number().int().min(0) });
