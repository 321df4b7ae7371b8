import { z } from "zod";

import { ZAdminUserViewSchema } from "@fastnext/core/admin";

export const ZAdminUsersSetActiveManyInputSchema = z.object({
  ids: z
    .array(z.uuid())
    .min(1)
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, "Each user may be named once"),
  isActive: z.boolean(),
});

export const ZAdminUsersSetActiveManyOutputSchema = z.object({
  items: z.array(ZAdminUserViewSchema),
});
