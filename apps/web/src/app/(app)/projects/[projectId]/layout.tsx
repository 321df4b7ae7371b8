import { type ReactNode } from "react";

import { ProjectHeader } from "~/components/projects/project-header";
import { HydrateClient, prefetchOrNotFound, trpc } from "~/trpc/server";

/** Every project page: 404 when the caller cannot see the project (or it does not exist). */
export default async function ProjectLayout({
  params,
  children,
}: {
  params: Promise<{ projectId: string }>;
  children: ReactNode;
}) {
  const { projectId } = await params;
  await prefetchOrNotFound(trpc.projects.get.queryOptions({ id: projectId }));
  return (
    <HydrateClient>
      <ProjectHeader projectId={projectId} />
      {children}
    </HydrateClient>
  );
}
