import { forbidden } from "next/navigation";
import { type ReactNode } from "react";

import { mayAct } from "~/components/projects/labels";
import { getViewer, prefetchOrNotFound, trpc } from "~/trpc/server";

/** Owners only: anyone else who sees the project gets 403, decided above the loading state. */
export default async function ProjectSettingsLayout({
  params,
  children,
}: {
  params: Promise<{ projectId: string }>;
  children: ReactNode;
}) {
  const { projectId } = await params;
  // Shared with the project layout's call (same request, same query client).
  const project = await prefetchOrNotFound(trpc.projects.get.queryOptions({ id: projectId }));
  const viewer = await getViewer();
  if (!viewer || !mayAct(project.myRole, "owner", viewer.permissions)) forbidden();
  return children;
}
