import { z } from "zod";

export const ZSystemHealthOutputSchema = z.object({
  status: z.literal("ok"),
  time: z.date(),
  uptimeSeconds: z.number(),
});
