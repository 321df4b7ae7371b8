import { z } from "zod";

import { publicProcedure } from "../../trpc/procedures";

export const ZHealthOutputSchema = z.object({
  status: z.literal("ok"),
  time: z.date(),
  uptimeSeconds: z.number(),
});

/** Liveness of the API process; touches no database. */
export const health = publicProcedure.output(ZHealthOutputSchema).query(() => ({
  status: "ok" as const,
  time: new Date(),
  uptimeSeconds: Math.round(process.uptime()),
}));
