import { type Metadata } from "next";

import { memberListInput } from "~/components/projects/project-list-input";
import { InstanceDetail } from "~/components/workflows/instance-detail";
import { attachmentListInput, timelineInput } from "~/components/workflows/instance-inputs";
import { HydrateClient, prefetch, prefetchOrNotFound, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Work item" };

export default async function InstancePage({
  params,
}: {
  params: Promise<{ projectId: string; instanceId: string }>;
}) {
  const { projectId, instanceId } = await params;
  // Found by the layout (which sent a 404 otherwise): the same request's query client.
  const instance = await prefetchOrNotFound(
    trpc.workflows.instances.get.queryOptions({ instanceId }),
  );
  await Promise.all([
    prefetch(trpc.workflows.templates.get.queryOptions({ id: instance.templateId })),
    prefetch(trpc.workflows.instances.availableTransitions.queryOptions({ instanceId })),
    prefetch(trpc.workflows.instances.timeline.queryOptions(timelineInput(instanceId))),
    prefetch(trpc.projects.members.list.queryOptions(memberListInput(projectId))),
    prefetch(trpc.workflows.attachments.list.queryOptions(attachmentListInput(instanceId))),
  ]);
  return (
    <HydrateClient>
      <InstanceDetail projectId={projectId} instanceId={instanceId} />
    </HydrateClient>
  );
}
