import { serviceContext } from "@fastnext/core";
import { getInstance, ZWorkflowInstanceViewSchema } from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";
import { ZWorkflowInstanceIdInputSchema } from "./instances.types";

export const get = authedProcedure
  .input(ZWorkflowInstanceIdInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/workflows/instances/{instanceId}",
      tags: ["workflows"],
      summary: "One workflow instance",
    },
  })
  .output(ZWorkflowInstanceViewSchema)
  .query(({ ctx, input }) => getInstance(serviceContext(ctx), input.instanceId));
