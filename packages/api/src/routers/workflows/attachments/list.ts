import { serviceContext } from "@fastnext/core";
import { listAttachments, ZAttachmentListInputSchema } from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";
import { ZWorkflowsAttachmentsListOutputSchema } from "./list.types";

/** The bytes are at `GET /api/attachments/{id}`, outside the JSON surface. */
export const list = authedProcedure
  .input(ZAttachmentListInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/workflows/instances/{instanceId}/attachments",
      tags: ["workflows"],
      summary: "A workflow instance's files, newest first",
    },
  })
  .output(ZWorkflowsAttachmentsListOutputSchema)
  .query(({ ctx, input }) => listAttachments(serviceContext(ctx), input));
