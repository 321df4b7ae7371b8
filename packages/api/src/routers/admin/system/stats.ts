import { systemStats, ZSystemStatsSchema } from "../../../services/admin/system-stats";
import { serviceContext } from "../../../services/context";
import { permissionProcedure } from "../../../trpc/procedures";

/** Exact counts, whatever else the caller may read. */
export const stats = permissionProcedure("system.read")
  .output(ZSystemStatsSchema)
  .query(({ ctx }) => systemStats(serviceContext(ctx)));
