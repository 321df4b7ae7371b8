import { serviceContext } from "@fastnext/core";
import { deleteComment } from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";
import {
  ZWorkflowsCommentIdInputSchema,
  ZWorkflowsCommentsDeleteOutputSchema,
} from "./comments.types";

/** Its author, or project.manage_all, removes a comment for good. */
export const remove = authedProcedure
  .input(ZWorkflowsCommentIdInputSchema)
  .meta({
    openapi: {
      method: "DELETE",
      path: "/workflows/comments/{id}",
      tags: ["workflows"],
      summary: "Delete a comment",
    },
  })
  .output(ZWorkflowsCommentsDeleteOutputSchema)
  .mutation(({ ctx, input }) => deleteComment(serviceContext(ctx), input.id));
