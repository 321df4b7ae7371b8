import { serviceContext } from "@fastnext/core";
import { deleteAttachment, ZAttachmentIdInputSchema } from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";
import { ZWorkflowsAttachmentsDeleteOutputSchema } from "./delete.types";

/** The uploader or the project's owners; the stored file goes once the delete commits. */
export const remove = authedProcedure
  .input(ZAttachmentIdInputSchema)
  .meta({
    openapi: {
      method: "DELETE",
      path: "/workflows/attachments/{attachmentId}",
      tags: ["workflows"],
      summary: "Remove a file from its workflow instance",
    },
  })
  .output(ZWorkflowsAttachmentsDeleteOutputSchema)
  .mutation(({ ctx, input }) => deleteAttachment(serviceContext(ctx), input.attachmentId));
