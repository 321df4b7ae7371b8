import { type Metadata } from "next";

import { Analytics } from "~/components/workflows/analytics";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

import { prefetchChosenTemplate, ZTemplateSearchSchema } from "../chosen-template";

export const metadata: Metadata = { title: "Analytics" };

/** Any member who sees the project sees its figures: the project layout already decided that. */
export default async function ProjectAnalyticsPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, unknown>>;
}) {
  const { projectId } = await params;
  const { template: templateKey } = ZTemplateSearchSchema.parse(await searchParams);
  const selected = await prefetchChosenTemplate(projectId, templateKey);
  if (selected) {
    await prefetch(
      trpc.workflows.analytics.summary.queryOptions({ templateKey: selected.key, projectId }),
    );
  }
  return (
    <HydrateClient>
      <Analytics key={templateKey ?? ""} projectId={projectId} templateKey={templateKey} />
    </HydrateClient>
  );
}
