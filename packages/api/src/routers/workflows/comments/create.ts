import { serviceContext } from "@fastnext/core";
import { createComment, ZCommentViewSchema } from "@fastnext/core/workflows";
import { ZCommentCreateInputSchema } from "@fastnext/validators";

import { idempotent } from "../../../trpc/idempotent";
import { authedProcedure } from "../../../trpc/procedures";

/**
 * Members of the instance's project (viewers included) comment; mentioned
 * members are notified. A reader who is not a member is FORBIDDEN.
 */
export const create = authedProcedure
  .concat(idempotent)
  .input(ZCommentCreateInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/workflows/instances/{instanceId}/comments",
      tags: ["workflows"],
      summary: "Comment on a workflow instance",
    },
  })
  .output(ZCommentViewSchema)
  .mutation(({ ctx, input }) => createComment(serviceContext(ctx), input));
