import { type Metadata } from "next";

import { TemplateEditor } from "~/components/workflows/editor/template-editor";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Template editor" };

export default async function TemplateEditorPage({
  params,
}: {
  params: Promise<{ templateId: string }>;
}) {
  const { templateId } = await params;
  // The layout found it: this reads the same request's query client.
  await prefetch(trpc.workflows.templates.get.queryOptions({ id: templateId }));
  return (
    <HydrateClient>
      <TemplateEditor templateId={templateId} />
    </HydrateClient>
  );
}
