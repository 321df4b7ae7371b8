import { z } from "zod";

import { ZProjectTemplateViewSchema } from "@fastnext/core/workflows";

export const ZProjectsTemplatesListOutputSchema = z.object({
  items: z.array(ZProjectTemplateViewSchema),
  /** The template of the project's newest item (null without items): a board's default. */
  latestItemKey: z.string().nullable(),
});
