import { type Metadata } from "next";
import { z } from "zod";

import { memberListInput } from "~/components/projects/project-list-input";
import { Board } from "~/components/workflows/board";
import {
  boardInstancesInput,
  pickTemplate,
  projectTemplatesInput,
} from "~/components/workflows/board-input";
import { getQueryClient, HydrateClient, prefetch, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Board" };

const ZSearchSchema = z.object({ template: z.string().max(64).optional().catch(undefined) });

export default async function ProjectBoardPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, unknown>>;
}) {
  const { projectId } = await params;
  const { template: templateKey } = ZSearchSchema.parse(await searchParams);
  await Promise.all([
    prefetch(trpc.projects.templates.list.queryOptions(projectTemplatesInput(projectId))),
    prefetch(trpc.projects.members.list.queryOptions(memberListInput(projectId))),
  ]);
  // The board's template is known once the list is: then its columns and cards.
  const templates = getQueryClient().getQueryData(
    trpc.projects.templates.list.queryKey(projectTemplatesInput(projectId)),
  );
  const selected = templates ? pickTemplate(templates.items, templateKey) : undefined;
  if (selected) {
    await Promise.all([
      prefetch(trpc.workflows.templates.get.queryOptions({ id: selected.published.id })),
      prefetch(
        trpc.workflows.instances.list.queryOptions(boardInstancesInput(projectId, selected.key)),
      ),
    ]);
  }
  return (
    <HydrateClient>
      <Board key={templateKey ?? ""} projectId={projectId} templateKey={templateKey} />
    </HydrateClient>
  );
}
