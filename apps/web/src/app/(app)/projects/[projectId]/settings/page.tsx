import { type Metadata } from "next";

import { mayAct } from "~/components/projects/labels";
import { ProjectSettings } from "~/components/projects/project-settings";
import { Forbidden } from "~/components/shell/forbidden";
import { projectTemplatesInput } from "~/components/workflows/board-input";
import { TYPES_INPUT } from "~/components/workflows/catalog-inputs";
import { getViewer, HydrateClient, prefetch, prefetchOrNotFound, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Project settings" };

export default async function ProjectSettingsPage({
  params,
}: {
  params: Promise<{ projectId: string }>;
}) {
  const { projectId } = await params;
  // Shared with the layout's call (same request, same query client).
  const project = await prefetchOrNotFound(trpc.projects.get.queryOptions({ id: projectId }));
  const viewer = await getViewer();
  if (!viewer || !mayAct(project.myRole, "owner", viewer.permissions)) return <Forbidden />;
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
