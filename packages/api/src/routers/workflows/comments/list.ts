import { serviceContext } from "@fastnext/core";
import { listComments } from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";
import {
  ZWorkflowsCommentsListInputSchema,
  ZWorkflowsCommentsListOutputSchema,
} from "./comments.types";

/** Anyone who can see the instance reads its comments. */
export const list = authedProcedure
  .input(ZWorkflowsCommentsListInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/workflows/instances/{instanceId}/comments",
      tags: ["workflows"],
      summary: "A workflow instance's comments, oldest first",
    },
  })
  .output(ZWorkflowsCommentsListOutputSchema)
  .query(({ ctx, input }) => listComments(serviceContext(ctx), input));
