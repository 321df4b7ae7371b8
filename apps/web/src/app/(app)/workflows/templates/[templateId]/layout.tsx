import { forbidden } from "next/navigation";
import { type ReactNode } from "react";

import { mayAct } from "~/components/projects/labels";
import { getViewer, prefetchOrNotFound, trpc } from "~/trpc/server";

/**
 * Decided here, above the page's loading state, so that a refusal answers
 * with its status: an unknown template 404; an installation-wide template
 * needs workflow.manage, a project's template its owners (or
 * workflow.manage), else 403.
 */
export default async function TemplateLayout({
  params,
  children,
}: {
  params: Promise<{ templateId: string }>;
  children: ReactNode;
}) {
  const { templateId } = await params;
  const template = await prefetchOrNotFound(
    trpc.workflows.templates.get.queryOptions({ id: templateId }),
  );
  const permissions = (await getViewer())?.permissions ?? [];
  if (permissions.includes("workflow.manage")) return children;
  if (template.projectId === null) forbidden();
  const project = await prefetchOrNotFound(
    trpc.projects.get.queryOptions({ id: template.projectId }),
  );
  if (!mayAct(project.myRole, "owner", permissions)) forbidden();
  return children;
}
