import { z } from "zod";

export const ZAdminUsersSetActiveInputSchema = z.object({ id: z.uuid(), isActive: z.boolean() });
