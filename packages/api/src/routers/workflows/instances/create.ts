import { serviceContext } from "@fastnext/core";
import {
  createInstance,
  ZWorkflowInstanceCreateInputSchema,
  ZWorkflowInstanceViewSchema,
} from "@fastnext/core/workflows";

import { idempotent } from "../../../trpc/idempotent";
import { authedProcedure } from "../../../trpc/procedures";

/** Editors and owners (or project.manage_all) start instances in their project. */
export const create = authedProcedure
  .concat(idempotent)
  .input(ZWorkflowInstanceCreateInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/workflows/instances",
      tags: ["workflows"],
      summary: "Start a workflow instance",
    },
  })
  .output(ZWorkflowInstanceViewSchema)
  .mutation(({ ctx, input }) => createInstance(serviceContext(ctx), input));
