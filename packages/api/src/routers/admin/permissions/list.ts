import { z } from "zod";

import { serviceContext } from "@fastnext/core";
import { listPermissions } from "@fastnext/core/admin";

import { permissionProcedure } from "../../../trpc/procedures";

/** The catalogue grouped by category (small and fixed: not paged). */
export const list = permissionProcedure("role.read")
  .output(
    z.array(
      z.object({
        category: z.string(),
        permissions: z.array(z.object({ key: z.string(), description: z.string() })),
      }),
    ),
  )
  .query(({ ctx }) => listPermissions(serviceContext(ctx)));
