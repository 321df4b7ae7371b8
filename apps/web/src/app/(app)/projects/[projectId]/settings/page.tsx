import { type Metadata } from "next";

import { ProjectSettings } from "~/components/projects/project-settings";
import { projectTemplatesInput } from "~/components/workflows/board-input";
import { TYPES_INPUT } from "~/components/workflows/catalog-inputs";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Project settings" };

export default async function ProjectSettingsPage({
  params,
}: {
  params: Promise<{ projectId: string }>;
}) {
  const { projectId } = await params;
  // The layout decided who may see this page; these are the sections' data.
  await Promise.all([
    prefetch(trpc.projects.templates.list.queryOptions(projectTemplatesInput(projectId))),
    prefetch(trpc.workflows.types.list.queryOptions(TYPES_INPUT)),
  ]);
  return (
    <HydrateClient>
      <ProjectSettings projectId={projectId} />
    </HydrateClient>
  );
}
