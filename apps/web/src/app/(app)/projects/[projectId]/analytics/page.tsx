import { type Metadata } from "next";
import { z } from "zod";

import { memberListInput } from "~/components/projects/project-list-input";
import { Analytics } from "~/components/workflows/analytics";
import { pickTemplate, projectTemplatesInput } from "~/components/workflows/board-input";
import { getQueryClient, HydrateClient, prefetch, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Analytics" };

const ZSearchSchema = z.object({ template: z.string().max(64).optional().catch(undefined) });

/** Any member who sees the project sees its figures: the project layout already decided that. */
export default async function ProjectAnalyticsPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, unknown>>;
}) {
  const { projectId } = await params;
  const { template: templateKey } = ZSearchSchema.parse(await searchParams);
  await Promise.all([
    prefetch(trpc.projects.templates.list.queryOptions(projectTemplatesInput(projectId))),
    prefetch(trpc.projects.members.list.queryOptions(memberListInput(projectId))),
  ]);
  const templates = getQueryClient().getQueryData(
    trpc.projects.templates.list.queryKey(projectTemplatesInput(projectId)),
  );
  const selected = templates ? pickTemplate(templates.items, templateKey) : undefined;
  if (selected) {
    await Promise.all([
      prefetch(trpc.workflows.templates.get.queryOptions({ id: selected.published.id })),
      prefetch(
        trpc.workflows.analytics.summary.queryOptions({ templateKey: selected.key, projectId }),
      ),
    ]);
  }
  return (
    <HydrateClient>
      <Analytics key={templateKey ?? ""} projectId={projectId} templateKey={templateKey} />
    </HydrateClient>
  );
}
