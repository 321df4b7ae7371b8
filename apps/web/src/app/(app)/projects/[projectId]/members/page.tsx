import { type Metadata } from "next";

import { MembersPanel } from "~/components/projects/members-panel";
import { memberListInput } from "~/components/projects/project-list-input";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Members" };

export default async function ProjectMembersPage({
  params,
}: {
  params: Promise<{ projectId: string }>;
}) {
  const { projectId } = await params;
  await prefetch(trpc.projects.members.list.queryOptions(memberListInput(projectId)));
  return (
    <HydrateClient>
      <MembersPanel projectId={projectId} />
    </HydrateClient>
  );
}
