import { serviceContext } from "@fastnext/core";
import { updateComment, ZCommentViewSchema } from "@fastnext/core/workflows";
import { ZCommentUpdateInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";

/** Only its author changes a comment's text. */
export const update = authedProcedure
  .input(ZCommentUpdateInputSchema)
  .meta({
    openapi: {
      method: "PATCH",
      path: "/workflows/comments/{id}",
      tags: ["workflows"],
      summary: "Edit one's own comment",
    },
  })
  .output(ZCommentViewSchema)
  .mutation(({ ctx, input }) => updateComment(serviceContext(ctx), input));
