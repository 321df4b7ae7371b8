import { z } from "zod";

export const ZWorkflowsAttachmentsDeleteOutputSchema = z.object({ id: z.uuid() });
