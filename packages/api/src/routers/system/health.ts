import { publicProcedure } from "../../trpc/procedures";
import { ZSystemHealthOutputSchema } from "./health.types";

/** Liveness of the API process; touches no database. */
export const health = publicProcedure
  .meta({
    openapi: {
      method: "GET",
      path: "/system/health",
      tags: ["system"],
      summary: "Whether the API answers",
    },
  })
  .output(ZSystemHealthOutputSchema)
  .query(() => ({
    status: "ok" as const,
    time: new Date(),
    uptimeSeconds: Math.round(process.uptime()),
  }));
