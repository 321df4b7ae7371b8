import { publicProcedure } from "../../trpc/procedures";
import { ZSystemHealthOutputSchema } from "./health.types";

/** Liveness of the API process; touches no database. */
export const health = publicProcedure.output(ZSystemHealthOutputSchema).query(() => ({
  status: "ok" as const,
  time: new Date(),
  uptimeSeconds: Math.round(process.uptime()),
}));
