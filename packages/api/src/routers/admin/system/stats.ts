import { serviceContext } from "@fastnext/core";
import { systemStats, ZSystemStatsSchema } from "@fastnext/core/admin";

import { permissionProcedure } from "../../../trpc/procedures";

/** Exact counts, whatever else the caller may read. */
export const stats = permissionProcedure("system.read")
  .output(ZSystemStatsSchema)
  .query(({ ctx }) => systemStats(serviceContext(ctx)));
