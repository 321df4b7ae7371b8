import { forbidden } from "next/navigation";
import { type ReactNode } from "react";

import { mayAct } from "~/components/projects/labels";
import { getViewer, prefetchOrNotFound, trpc } from "~/trpc/server";

/** Editors and owners import: anyone else who sees the project gets 403, decided above the loading state. */
export default async function ProjectImportLayout({
  params,
  children,
}: {
  params: Promise<{ projectId: string }>;
  children: ReactNode;
}) {
  const { projectId } = await params;
  const project = await prefetchOrNotFound(trpc.projects.get.queryOptions({ id: projectId }));
  const viewer = await getViewer();
  if (!viewer || !mayAct(project.myRole, "editor", viewer.permissions)) forbidden();
  return children;
}
