import { serviceContext } from "@fastnext/core";
import {
  requestImport,
  ZImportRunInputSchema,
  ZTransferViewSchema,
} from "@fastnext/core/transfers";

import { idempotent } from "../../../trpc/idempotent";
import { authedProcedure } from "../../../trpc/procedures";
import { projectRole } from "../../../trpc/project-role";

/**
 * Imports an uploaded file into the project's items: queues a transfer the
 * worker runs as the caller (follow it with `transfers.onProgress`), and
 * remembers the mapping for the template. Editors of the project.
 */
export const create = authedProcedure
  .concat(idempotent)
  .input(ZImportRunInputSchema)
  .use(projectRole("editor"))
  .meta({
    openapi: {
      method: "POST",
      path: "/transfers/imports",
      tags: ["transfers"],
      summary: "Import an uploaded file into a project's items",
    },
  })
  .output(ZTransferViewSchema)
  .mutation(({ ctx, input }) => requestImport(serviceContext(ctx), input));
