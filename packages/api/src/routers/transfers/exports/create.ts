import { serviceContext } from "@fastnext/core";
import { requestExport, ZTransferViewSchema } from "@fastnext/core/transfers";
import { ZExportRequestInputSchema } from "@fastnext/validators";

import { idempotent } from "../../../trpc/idempotent";
import { authedProcedure } from "../../../trpc/procedures";

/**
 * Queues an export for the worker and answers its transfer (queued):
 * follow it with `transfers.onProgress` or `transfers.get`, then fetch
 * `transfers.downloadLink`. Users need user.read; a project's items its
 * viewer role.
 */
export const create = authedProcedure
  .concat(idempotent)
  .input(ZExportRequestInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/transfers/exports",
      tags: ["transfers"],
      summary: "Ask for an export (projects, a project's items, activity, users)",
    },
  })
  .output(ZTransferViewSchema)
  .mutation(({ ctx, input }) => requestExport(serviceContext(ctx), input));
