import { z } from "zod";

import { ZProjectTemplateViewSchema } from "@fastnext/core/workflows";

export const ZProjectsTemplatesListOutputSchema = z.object({
  items: z.array(ZProjectTemplateViewSchema),
});
