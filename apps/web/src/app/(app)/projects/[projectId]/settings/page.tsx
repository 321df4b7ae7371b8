import { type Metadata } from "next";

import { ProjectSettings } from "~/components/projects/project-settings";
import { HydrateClient } from "~/trpc/server";

export const metadata: Metadata = { title: "Project settings" };

export default async function ProjectSettingsPage({
  params,
}: {
  params: Promise<{ projectId: string }>;
}) {
  const { projectId } = await params;
  return (
    <HydrateClient>
      <ProjectSettings projectId={projectId} />
    </HydrateClient>
  );
}
