import { type Metadata } from "next";

import { ALL_TEMPLATES_INPUT, TYPES_INPUT } from "~/components/workflows/catalog-inputs";
import { TemplateCatalog } from "~/components/workflows/template-catalog";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Workflow templates" };

export default async function WorkflowsPage() {
  await Promise.all([
    prefetch(trpc.workflows.types.list.queryOptions(TYPES_INPUT)),
    prefetch(trpc.workflows.templates.list.queryOptions(ALL_TEMPLATES_INPUT)),
  ]);
  return (
    <HydrateClient>
      <TemplateCatalog />
    </HydrateClient>
  );
}
