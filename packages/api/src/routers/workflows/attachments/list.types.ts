import { pageOutputSchema } from "@fastnext/core";
import { ZAttachmentViewSchema } from "@fastnext/core/workflows";

export const ZWorkflowsAttachmentsListOutputSchema = pageOutputSchema(ZAttachmentViewSchema);
