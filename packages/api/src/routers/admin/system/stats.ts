import { serviceContext } from "@fastnext/core";
import { systemStats, ZSystemStatsSchema } from "@fastnext/core/admin";

import { permissionProcedure } from "../../../trpc/procedures";

/** Exact counts, whatever else the caller may read. */
export const stats = permissionProcedure("system.read")
  .meta({
    openapi: {
      method: "GET",
      path: "/admin/system/stats",
      tags: ["admin"],
      summary: "Counts of users, projects and workflows",
    },
  })
  .output(ZSystemStatsSchema)
  .query(({ ctx }) => systemStats(serviceContext(ctx)));
