import { type Metadata } from "next";

import { Board } from "~/components/workflows/board";
import { boardInstancesInput } from "~/components/workflows/board-input";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

import { prefetchChosenTemplate, ZTemplateSearchSchema } from "../chosen-template";

export const metadata: Metadata = { title: "Board" };

export default async function ProjectBoardPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, unknown>>;
}) {
  const { projectId } = await params;
  const { template: templateKey } = ZTemplateSearchSchema.parse(await searchParams);
  // The board's template is known once the list is: then its columns and cards.
  const selected = await prefetchChosenTemplate(projectId, templateKey);
  if (selected) {
    await prefetch(
      trpc.workflows.instances.list.queryOptions(boardInstancesInput(projectId, selected.key)),
    );
  }
  return (
    <HydrateClient>
      <Board key={templateKey ?? ""} projectId={projectId} templateKey={templateKey} />
    </HydrateClient>
  );
}
