import { z } from "zod";

export const ZAdminPermissionsListOutputSchema = z.array(
  z.object({
    category: z.string(),
    permissions: z.array(z.object({ key: z.string(), description: z.string() })),
  }),
);
