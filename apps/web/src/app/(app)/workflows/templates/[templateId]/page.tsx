import { type Metadata } from "next";

import { mayAct } from "~/components/projects/labels";
import { Forbidden } from "~/components/shell/forbidden";
import { TemplateEditor } from "~/components/workflows/editor/template-editor";
import { getViewer, HydrateClient, prefetchOrNotFound, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Template editor" };

/**
 * Who edits follows the template's scope, as the API decides: an
 * installation-wide template needs workflow.manage, a project's own its
 * owners (or project.manage_all, or workflow.manage).
 */
export default async function TemplateEditorPage({
  params,
}: {
  params: Promise<{ templateId: string }>;
}) {
  const { templateId } = await params;
  const viewer = await getViewer();
  const template = await prefetchOrNotFound(
    trpc.workflows.templates.get.queryOptions({ id: templateId }),
  );
  const permissions = viewer?.permissions ?? [];
  const manager = permissions.includes("workflow.manage");
  if (template.projectId === null) {
    if (!manager) return <Forbidden permission="workflow.manage" />;
  } else {
    const project = await prefetchOrNotFound(
      trpc.projects.get.queryOptions({ id: template.projectId }),
    );
    if (!manager && !mayAct(project.myRole, "owner", permissions)) return <Forbidden />;
  }
  return (
    <HydrateClient>
      <TemplateEditor templateId={templateId} />
    </HydrateClient>
  );
}
