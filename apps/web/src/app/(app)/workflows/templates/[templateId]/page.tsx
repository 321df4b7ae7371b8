import { type Metadata } from "next";

import { Forbidden } from "~/components/shell/forbidden";
import { TemplateEditor } from "~/components/workflows/editor/template-editor";
import { HydrateClient, prefetchOrNotFound, trpc, viewerCan } from "~/trpc/server";

export const metadata: Metadata = { title: "Template editor" };

export default async function TemplateEditorPage({
  params,
}: {
  params: Promise<{ templateId: string }>;
}) {
  if (!(await viewerCan("workflow.manage"))) return <Forbidden permission="workflow.manage" />;
  const { templateId } = await params;
  await prefetchOrNotFound(trpc.workflows.templates.get.queryOptions({ id: templateId }));
  return (
    <HydrateClient>
      <TemplateEditor templateId={templateId} />
    </HydrateClient>
  );
}
