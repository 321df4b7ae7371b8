import { ZImportMappingSchema } from "@fastnext/validators";

import { type ServiceContext } from "../../context";
import { requireProjectRole } from "../../projects/access";
import { type ImportMappingInput } from "./input";
import { type ImportMappingView } from "./view";

/**
 * The mapping the project used last for a template, for the wizard to
 * start from (whoever may see the project may read it). A stored mapping
 * that no longer parses (the schema moved on) counts as none.
 */
export async function getImportMapping(
  ctx: ServiceContext,
  input: ImportMappingInput,
): Promise<ImportMappingView> {
  await requireProjectRole(ctx.db, ctx.principal, input.projectId, "viewer");
  const row = await ctx.db.importMapping.findUnique({
    where: { projectId_templateKey: input },
    select: { mapping: true, updatedAt: true },
  });
  const parsed = row ? ZImportMappingSchema.safeParse(row.mapping) : null;
  return {
    templateKey: input.templateKey,
    mapping: parsed?.success ? parsed.data : null,
    updatedAt: parsed?.success && row ? row.updatedAt : null,
  };
}
