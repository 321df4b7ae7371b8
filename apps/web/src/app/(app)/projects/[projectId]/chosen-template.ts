import { z } from "zod";

import { memberListInput } from "~/components/projects/project-list-input";
import { pickTemplate, projectTemplatesInput } from "~/components/workflows/board-input";
import { getQueryClient, prefetch, trpc } from "~/trpc/server";

/** `?template=<key>`: which of the project's templates a page shows (else that of the newest item, else the first). */
export const ZTemplateSearchSchema = z.object({
  template: z.string().max(64).optional().catch(undefined),
});

/**
 * What every per-template page of a project (board, analytics) loads
 * first: the templates the project may use and its members; then the
 * chosen template's definition. Returns the choice, for the page's own
 * data, or undefined when the project has no usable template.
 */
export async function prefetchChosenTemplate(projectId: string, templateKey: string | undefined) {
  await Promise.all([
    prefetch(trpc.projects.templates.list.queryOptions(projectTemplatesInput(projectId))),
    prefetch(trpc.projects.members.list.queryOptions(memberListInput(projectId))),
  ]);
  const templates = getQueryClient().getQueryData(
    trpc.projects.templates.list.queryKey(projectTemplatesInput(projectId)),
  );
  const selected = templates ? pickTemplate(templates, templateKey) : undefined;
  if (selected) {
    await prefetch(trpc.workflows.templates.get.queryOptions({ id: selected.published.id }));
  }
  return selected;
}
