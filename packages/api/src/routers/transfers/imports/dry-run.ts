import { serviceContext } from "@fastnext/core";
import { dryRunImport, ZImportReportSchema, ZImportRunInputSchema } from "@fastnext/core/transfers";

import { authedProcedure } from "../../../trpc/procedures";
import { projectRole } from "../../../trpc/project-role";

/**
 * What importing an uploaded file would do, writing nothing: each row's
 * problems by field, and how many items it would create or find made
 * already. Editors of the project.
 */
export const dryRun = authedProcedure
  .input(ZImportRunInputSchema)
  .use(projectRole("editor"))
  .meta({
    openapi: {
      method: "POST",
      path: "/transfers/imports/dry-run",
      tags: ["transfers"],
      summary: "Check an uploaded file against a template, writing nothing",
    },
  })
  .output(ZImportReportSchema)
  .mutation(({ ctx, input }) => dryRunImport(serviceContext(ctx), input));
