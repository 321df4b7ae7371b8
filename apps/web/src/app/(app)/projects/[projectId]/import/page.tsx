import { type Metadata } from "next";

import { ImportWizard } from "~/components/workflows/import/import-wizard";
import { HydrateClient } from "~/trpc/server";

import { prefetchChosenTemplate, ZTemplateSearchSchema } from "../chosen-template";

export const metadata: Metadata = { title: "Import" };

export default async function ProjectImportPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, unknown>>;
}) {
  const { projectId } = await params;
  const { template: templateKey } = ZTemplateSearchSchema.parse(await searchParams);
  await prefetchChosenTemplate(projectId, templateKey);
  return (
    <HydrateClient>
      <ImportWizard key={templateKey ?? ""} projectId={projectId} templateKey={templateKey} />
    </HydrateClient>
  );
}
