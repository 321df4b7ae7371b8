import { notFound } from "next/navigation";
import { type ReactNode } from "react";

import { prefetchOrNotFound, trpc } from "~/trpc/server";

/**
 * An item the caller cannot see, or one of another project, answers 404:
 * decided here, above the page's loading state.
 */
export default async function InstanceLayout({
  params,
  children,
}: {
  params: Promise<{ projectId: string; instanceId: string }>;
  children: ReactNode;
}) {
  const { projectId, instanceId } = await params;
  const instance = await prefetchOrNotFound(
    trpc.workflows.instances.get.queryOptions({ instanceId }),
  );
  // An item is shown under its own project's URL only.
  if (instance.projectId !== projectId) notFound();
  return children;
}
